using BatchKit.Testing.Conformance;
using Xunit.Abstractions;

namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>
/// Every AWS-recorded case, in either query language, must match AWS's outcome, and its whole history unless
/// KnownHistoryDifferences.json lists it with a reason (a listed case that now matches fails too, so the list stays
/// honest).
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => new(StepFunctionsCase.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Replays_as_AWS_recorded(string id)
    {
        var c = StepFunctionsCase.All.Single(x => x.Id == id);
        var recorded = c.Expected["events"]!.AsArray();
        var actual = await CaseRunner.RunAsync(c);
        var outcome = HistoryComparer.OutcomeMatches(recorded, actual);
        var history = HistoryComparer.HistoryMatches(recorded, actual);
        if (!outcome || !history)
        {
            output.WriteLine("recorded: " + string.Join("\n", recorded.Select(HistoryComparer.Normalise).Select(n => n!.ToJsonString())));
            output.WriteLine("actual:   " + string.Join("\n", actual.Select(HistoryComparer.Normalise).Select(n => n!.ToJsonString())));
        }

        if (StepFunctionsCase.KnownDifferences.TryGetValue(id, out var reason))
        {
            Assert.False(outcome && history, $"{id} now matches AWS fully; remove it from KnownHistoryDifferences.json ({reason})");
            if (reason.StartsWith("outcome:", StringComparison.Ordinal))
            {
                return; // the recording cannot be replayed faithfully (see the reason)
            }

            Assert.True(outcome, $"{id}: outcome differs from AWS");
            return;
        }

        Assert.True(outcome, $"{id}: outcome differs from AWS");
        Assert.True(history, $"{id}: history differs from AWS");
    }
}
