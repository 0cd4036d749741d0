using System.Text.Json.Nodes;
using BatchKit.Testing.Conformance;

namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>
/// A substituted input is honest only where the recording scrubbed the input: each one listed in ReplayInputs.json
/// names a corpus case, cites its source, and is a value the recorded placeholders admit (so no listed input can
/// replace one the recording kept).
/// </summary>
public sealed class ReplayInputsTests
{
    public static TheoryData<string> Listed() => new(ReplayInputs.CaseIds);

    [Theory]
    [MemberData(nameof(Listed))]
    public void A_listed_input_is_one_the_recording_scrubbed(string id)
    {
        var c = StepFunctionsCase.All.SingleOrDefault(x => x.Id == id);
        Assert.True(c is not null, $"ReplayInputs.json lists {id}, which is not in the corpus");
        Assert.Matches(@"^[0-9a-f]{9} tests/aws/services/stepfunctions/v2/\S+\.py:[0-9]", ReplayInputs.Source(id));

        var replayed = JsonNode.Parse(ReplayInputs.For(c!, new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)));
        Assert.False(JsonNode.DeepEquals(c!.Input, replayed), $"{id}: the listed input is the recorded one; nothing was scrubbed");
        Assert.True(
            HistoryComparer.Matches(HistoryComparer.Normalise(c.Input), HistoryComparer.Normalise(replayed)),
            $"{id}: the recorded input {c.Input?.ToJsonString()} does not admit {replayed?.ToJsonString()}");
    }

    [Fact]
    public void Now_is_written_as_the_test_wrote_it_and_days_are_added()
    {
        var c = StepFunctionsCase.All.Single(x => x.Id == "wait/test_timestamp_too_far_in_future_boundary_24856__get_execution_history");
        var input = ReplayInputs.For(c, new DateTimeOffset(2026, 11, 22, 9, 0, 0, 123, TimeSpan.Zero));
        Assert.Equal("""{"start_at":"2094-12-11T09:00:00.000Z"}""", input);
    }
}
