using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace BatchKit.Jsonata.Tests.Conformance;

/// <summary>
/// The reference suite, one theory case per group: every case of the group passes, except the ones
/// KnownFailures.json lists with a reason (and a listed case that now passes fails too, so the list stays honest).
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>Every case run once per test run (null: passed, else why not), shared by the group theory and the total.</summary>
    private static readonly Lazy<Dictionary<string, string?>> Outcomes =
        new(() => ConformanceSuite.All.ToDictionary(c => c.Id, CaseRunner.Run, StringComparer.Ordinal));

    public static TheoryData<string> Groups() => new(ConformanceSuite.Groups);

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_passes(string group)
    {
        var problems = new List<string>();
        foreach (var c in ConformanceSuite.All.Where(c => c.Group == group))
        {
            var failure = Outcomes.Value[c.Id];
            var known = KnownFailures.All.TryGetValue(c.Id, out var reason);
            if (failure is not null && !known)
            {
                problems.Add($"{c}\n    {failure}");
            }
            else if (failure is null && known)
            {
                problems.Add($"{c.Id} passes now: remove it from KnownFailures.json ({reason})");
            }
        }

        output.WriteLine(string.Join("\n", problems));
        Assert.True(problems.Count == 0, $"{group}: {problems.Count} case(s)\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void At_least_98_percent_of_the_suite_passes()
    {
        var table = new StringBuilder();
        var failures = new StringBuilder();
        int passed = 0, total = 0;
        foreach (var group in ConformanceSuite.Groups)
        {
            var cases = ConformanceSuite.All.Where(c => c.Group == group).ToList();
            var groupPassed = 0;
            foreach (var c in cases)
            {
                if (Outcomes.Value[c.Id] is { } failure)
                {
                    failures.AppendLine(CultureInfo.InvariantCulture, $"  {c.Id}: {failure}");
                }
                else
                {
                    groupPassed++;
                }
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"{group,-32} {groupPassed,4} / {cases.Count,4}");
            passed += groupPassed;
            total += cases.Count;
        }

        var share = 100.0 * passed / total;
        table.AppendLine(CultureInfo.InvariantCulture, $"{"total",-32} {passed,4} / {total,4}  ({share:F2} %)");
        output.WriteLine(table.ToString());
        output.WriteLine("failing cases:\n" + failures);
        Assert.Equal(1194, total);
        Assert.True(share >= 98.0, $"{passed} of {total} cases pass ({share:F2} %)\n{table}\n{failures}");
    }
}
