using System.Text.Json.Nodes;
using BatchKit.Testing.Conformance;

namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>The recording's scrubbed values match a value of their kind only (HistoryComparer.Scrubbed.cs).</summary>
public sealed class ScrubbedValuesTests
{
    [Theory]
    [InlineData("""{"t":"date"}""", """{"t":"2026-11-22T09:00:00.000Z"}""", true)]
    [InlineData("""{"t":"date"}""", """{"t":"2016-03-05T21:29:29.243167252Z"}""", true)]
    [InlineData("""{"t":"date"}""", """{"t":"date"}""", true)]
    [InlineData("""{"t":"date"}""", """{"t":"2016-13-05T21:29:29Z"}""", false)]
    [InlineData("""{"t":"date"}""", """{"t":"2016-12-05T21:29:29"}""", false)]
    [InlineData("""{"t":"date"}""", """{"t":"2026-11-22T09:00:00Z and more"}""", false)]
    [InlineData("""{"t":"date"}""", """{"t":1700000000}""", false)]
    [InlineData("""{"TimestampValue":"timestamp"}""", """{"TimestampValue":"2016-12-05 21:29:29Z"}""", true)]
    [InlineData("""{"TimestampValue":"timestamp"}""", """{"TimestampValue":"2016-03-14T01:59:00Z"}""", false)]
    [InlineData("""{"other":"timestamp"}""", """{"other":"2016-12-05 21:29:29Z"}""", false)]
    [InlineData("""{"RoleArn":"snf_role_arn"}""", """{"RoleArn":"arn:aws:iam::000000000000:role/conformance"}""", true)]
    [InlineData("""{"RoleArn":"snf_role_arn"}""", """{"RoleArn":"conformance"}""", false)]
    public void A_scrubbed_value_matches_its_kind_only(string recorded, string actual, bool matches) =>
        Assert.Equal(matches, HistoryComparer.Matches(
            HistoryComparer.Normalise(JsonNode.Parse(recorded)), HistoryComparer.Normalise(JsonNode.Parse(actual))));
}
