using System.Text;
using BatchKit.Testing.Conformance;
using Xunit.Abstractions;

namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>Counts per area (matched / outcome only / unreplayable / JSONata refused) and the issue's targets.</summary>
public sealed class ConformanceSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_JSONPath_outcome_matches_and_at_least_95_percent_of_replayable_histories_do()
    {
        var rows = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var outcomeDiffers = new List<string>();
        foreach (var c in StepFunctionsCase.All)
        {
            var row = rows.TryGetValue(c.Area, out var r) ? r : rows[c.Area] = new int[5];
            if (c.UsesJsonata)
            {
                row[3]++;
                continue;
            }

            var recorded = c.Expected["events"]!.AsArray();
            var actual = await CaseRunner.RunAsync(c);
            if (HistoryComparer.HistoryMatches(recorded, actual) && HistoryComparer.OutcomeMatches(recorded, actual))
            {
                row[0]++;
            }
            else if (HistoryComparer.OutcomeMatches(recorded, actual))
            {
                row[1]++;
            }
            else
            {
                row[2]++;
                outcomeDiffers.Add(c.Id);
            }
        }

        var table = new StringBuilder("area                 matched  outcome-only  unreplayable  jsonata-refused\n");
        foreach (var (area, r) in rows)
        {
            table.AppendLine($"{area,-20} {r[0],7}  {r[1],12}  {r[2],12}  {r[3],15}");
        }

        var total = Enumerable.Range(0, 4).Select(i => rows.Values.Sum(r => r[i])).ToArray();
        table.AppendLine($"{"total",-20} {total[0],7}  {total[1],12}  {total[2],12}  {total[3],15}");
        output.WriteLine(table.ToString());

        // Unreplayable cases are the ones whose recorded input AWS scrubbed (listed with an "outcome:" reason).
        var replayable = total[0] + total[1];
        Assert.True(total[0] >= 0.95 * replayable, $"full-history matches {total[0]} of {replayable} replayable JSONPath cases\n{table}");
        // An outcome may differ only where the recording cannot be replayed (its reason starts with "outcome:").
        var allowed = StepFunctionsCase.KnownDifferences.Where(k => k.Value.StartsWith("outcome:", StringComparison.Ordinal)).Select(k => k.Key);
        Assert.Empty(outcomeDiffers.Except(allowed));
    }
}
