using System.Text.Json.Nodes;
using BatchKit.Aws.StepFunctions;

namespace BatchKit.Examples.Tests;

/// <summary>An execution's history read through GetExecutionHistory, with the questions the example tests ask of it.</summary>
internal sealed class ExecutionHistory(IReadOnlyList<HistoryEventItem> events)
{
    public static async Task<ExecutionHistory> ReadAsync(StepFunctionsClient stepFunctions, string executionArn) =>
        new((await stepFunctions.GetExecutionHistoryAsync(executionArn)).Events);

    /// <summary>The names of the states entered, in order.</summary>
    public IReadOnlyList<string> StatesEntered =>
        [.. events.Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal)).Select(e => Details(e)["name"]!.GetValue<string>())];

    /// <summary>How many task attempts the state <paramref name="state"/> made (TaskScheduled events while it was current).</summary>
    public int TaskAttempts(string state)
    {
        var current = "";
        var attempts = 0;
        foreach (var e in events)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                current = Details(e)["name"]!.GetValue<string>();
            }
            else if (e.Type == "TaskScheduled" && current == state)
            {
                attempts++;
            }
        }

        return attempts;
    }

    private static JsonObject Details(HistoryEventItem e) => JsonNode.Parse(e.DetailsJson ?? "{}")!.AsObject();
}
