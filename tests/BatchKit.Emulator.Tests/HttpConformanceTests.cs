using System.Text.Json.Nodes;
using Amazon.S3.Model;
using BatchKit.Testing;
using BatchKit.Testing.Conformance;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// The AWS-recorded conformance cases (JSONPath and JSONata) replayed through the emulator's HTTP API (CreateStateMachine, StartExecution,
/// DescribeExecution, GetExecutionHistory with paging) and its real S3 for the cases with setup objects: the same
/// results as through the library, by the same comparison rules.
/// </summary>
public sealed class HttpConformanceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Every_case_matches_through_the_HTTP_API_as_through_the_library()
    {
        var mismatches = new List<string>();
        var replayed = 0;
        foreach (var c in StepFunctionsCase.All)
        {
            var recorded = c.Expected["events"]!.AsArray();
            var actual = await ReplayAsync(c);
            replayed++;
            var outcome = HistoryComparer.OutcomeMatches(recorded, actual);
            var history = HistoryComparer.HistoryMatches(recorded, actual);
            var expectedOutcome = !StepFunctionsCase.KnownDifferences.TryGetValue(c.Id, out var reason) || !reason.StartsWith("outcome:", StringComparison.Ordinal);
            var expectedHistory = !StepFunctionsCase.KnownDifferences.ContainsKey(c.Id);
            if (outcome != expectedOutcome || (expectedHistory && !history))
            {
                mismatches.Add($"{c.Id}: outcome {outcome}, history {history}");
            }
        }

        Assert.True(replayed > 0, "no case was replayed: is ../shared/conformance/stepfunctions empty?");
        Assert.Empty(mismatches);
    }

    private async Task<JsonArray> ReplayAsync(StepFunctionsCase c)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var input = ReplayInputs.For(c, DateTimeOffset.UtcNow);
        var buckets = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var s3 = emulator.S3())
        {
            foreach (var setup in c.Setup)
            {
                var placeholder = setup!["bucket"]!.GetValue<string>();
                if (!buckets.TryGetValue(placeholder, out var bucket))
                {
                    bucket = buckets[placeholder] = "conf-" + suffix + "-" + buckets.Count;
                    await s3.PutBucketAsync(bucket);
                }

                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = setup["key"]!.GetValue<string>(), ContentBody = setup["body"]!.GetValue<string>() });
            }
        }

        foreach (var (placeholder, bucket) in buckets)
        {
            input = input.Replace(placeholder, bucket, StringComparison.Ordinal);
        }

        var (_, machine) = await emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = "conf-" + suffix,
            ["roleArn"] = "arn:aws:iam::000000000000:role/conformance",
            ["definition"] = c.Definition.ToJsonString(),
        });
        var (_, started) = await emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", new JsonObject
        {
            ["stateMachineArn"] = machine["stateMachineArn"]!.GetValue<string>(),
            ["name"] = "run",
            ["input"] = input,
        });
        var arn = started["executionArn"]!.GetValue<string>();
        await Eventually.TrueAsync(
            async () => (await emulator.JsonAsync("AWSStepFunctions.DescribeExecution", "states", new JsonObject { ["executionArn"] = arn })).Body["status"]!.GetValue<string>() != "RUNNING",
            $"{c.Id} ending", TimeSpan.FromSeconds(30));

        var events = new JsonArray();
        string? token = null;
        do
        {
            var request = new JsonObject { ["executionArn"] = arn, ["maxResults"] = 50 };
            if (token is not null)
            {
                request["nextToken"] = token;
            }

            var (_, page) = await emulator.JsonAsync("AWSStepFunctions.GetExecutionHistory", "states", request);
            foreach (var e in page["events"]!.AsArray())
            {
                var text = e!.ToJsonString();
                foreach (var (placeholder, bucket) in buckets)
                {
                    text = text.Replace(bucket, placeholder, StringComparison.Ordinal);
                }

                events.Add(JsonNode.Parse(text));
            }

            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);

        return events;
    }
}
