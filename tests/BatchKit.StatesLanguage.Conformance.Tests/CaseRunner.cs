using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;
using BatchKit.Testing.Conformance;

namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>Replays one case through the engine and returns its history in GetExecutionHistory's shape.</summary>
internal static class CaseRunner
{
    private const string Bucket = "batchkit-conformance";

    public static async Task<JsonArray> RunAsync(StepFunctionsCase c)
    {
        var placeholders = c.Setup.Select(s => s!["bucket"]!.GetValue<string>()).Distinct().ToList();
        var objects = c.Setup.ToDictionary(s => (Bucket, s!["key"]!.GetValue<string>()), s => s!["body"]!.GetValue<string>());
        var clock = new InstantTimeProvider();
        var input = ReplayInputs.For(c, clock.GetUtcNow());
        foreach (var placeholder in placeholders)
        {
            input = input.Replace(placeholder, Bucket, StringComparison.Ordinal);
        }

        var definition = StateMachineDefinition.Parse(c.Definition.ToJsonString());
        var s3 = new InMemoryS3ItemReader(objects);
        var engine = new ExecutionEngine(clock, null, s3, s3);
        var identity = new ExecutionIdentity(
            "arn:aws:states:us-east-1:000000000000:execution:conformance:" + c.Name[..Math.Min(c.Name.Length, 60)],
            "exec-" + Guid.NewGuid().ToString("N")[..8],
            "arn:aws:states:us-east-1:000000000000:stateMachine:conformance",
            "conformance",
            "arn:aws:iam::000000000000:role/conformance");
        var execution = engine.StartExecution(definition, input, identity);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var history = new JsonArray();
        foreach (var e in execution.GetHistory())
        {
            var json = new JsonObject { ["id"] = e.Id, ["previousEventId"] = e.PreviousEventId, ["type"] = e.Type, ["timestamp"] = e.Timestamp.ToString("O") };
            if (e.DetailsKey is not null)
            {
                var details = e.DetailsJson!;
                foreach (var placeholder in placeholders)
                {
                    details = details.Replace(Bucket, placeholder, StringComparison.Ordinal);
                }

                json[e.DetailsKey] = JsonNode.Parse(details);
            }

            history.Add(json);
        }

        return history;
    }
}
