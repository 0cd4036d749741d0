using System.Text.Json.Nodes;
using BatchKit.Deployment;

namespace BatchKit.Deployment.Tests;

/// <summary>The Java WireMock mapping format, read as the Java WireMock reads it (https://wiremock.org/docs/request-matching/).</summary>
public sealed class WireMockOrgMappingTests
{
    [Fact]
    public void The_repository_mappings_load_with_their_priorities_statuses_and_bodies()
    {
        var mappings = WireMockOrgMapping.LoadDirectory(SlackStubFixture.MappingsDirectory());

        Assert.Equal(
            [("Slack rejects a body that is not JSON with a text field", 5, 400, "invalid_payload"), ("Slack incoming webhook", 10, 200, "ok")],
            mappings.Select(m => (m.Name, m.Priority, m.Status, m.Body)));
        Assert.All(mappings, m => Assert.Equal("POST", m.Method));
        Assert.All(mappings, m => Assert.Matches(m.PathPattern, "/services/T0/B0/X"));
        Assert.All(mappings, m => Assert.DoesNotMatch(m.PathPattern, "/api/services/T0"));
    }

    [Theory]
    [InlineData("""{"contains": "sales for"}""", "x sales for y", true)]
    [InlineData("""{"contains": "sales for"}""", "x sales y", false)]
    [InlineData("""{"equalTo": "ok"}""", "ok", true)]
    [InlineData("""{"equalTo": "ok"}""", "ok!", false)]
    [InlineData("""{"matches": "[a-z]+"}""", "abc", true)]
    [InlineData("""{"matches": "[a-z]+"}""", "abc1", false)]
    [InlineData("""{"matchesJsonPath": "$.text"}""", """{"text": "hi"}""", true)]
    [InlineData("""{"matchesJsonPath": "$.a.b"}""", """{"a": {"c": 1}}""", false)]
    [InlineData("""{"matchesJsonPath": {"expression": "$.text", "absent": true}}""", """{"text": "hi"}""", false)]
    [InlineData("""{"matchesJsonPath": {"expression": "$.text", "absent": true}}""", """{"text": null}""", true)]
    [InlineData("""{"matchesJsonPath": {"expression": "$.text", "absent": true}}""", "not json", true)]
    [InlineData("""{"matchesJsonPath": {"expression": "$.text", "absent": true}}""", "", true)]
    public void Body_patterns_match_as_WireMock_defines_them(string pattern, string body, bool matches) =>
        Assert.Equal(matches, WireMockOrgBodyPattern.Parse(JsonNode.Parse(pattern), "test").Matches(body));

    [Theory]
    [InlineData("""{"equalToJson": "{}"}""", "the body pattern 'equalToJson' is not supported")]
    [InlineData("""{"matchesJsonPath": "$..text"}""", "'$..text' is not a member path like $.text")]
    [InlineData("""{"matchesJsonPath": {"expression": "$.text", "equalTo": "x"}}""", "('equalTo' is not)")]
    [InlineData("""{"matches": "("}""", "'(' is not a regular expression")]
    [InlineData("""{"contains": 3}""", "test.contains: expected a string")]
    public void Body_patterns_the_stub_cannot_evaluate_are_refused_by_name(string pattern, string error) =>
        Assert.Contains(error, Assert.Throws<SlackStubException>(() => WireMockOrgBodyPattern.Parse(JsonNode.Parse(pattern), "test")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_mapping_without_a_path_or_with_a_wrongly_typed_member_is_refused()
    {
        Assert.Equal("f.json: the request has neither urlPath nor urlPathPattern", Error("""{"request": {"method": "POST"}, "response": {}}"""));
        Assert.StartsWith("f.json: 'priority' has the wrong type", Error("""{"priority": "high", "request": {"urlPath": "/"}, "response": {}}"""), StringComparison.Ordinal);
        Assert.Equal(
            "f.json: request: 'headers' is not supported by BatchKit's Slack stub (supported: method, urlPath, urlPathPattern, bodyPatterns)",
            Error("""{"request": {"urlPath": "/", "headers": {}}, "response": {}}"""));
    }

    private static string Error(string mapping) => Assert.Throws<SlackStubException>(() => WireMockOrgMapping.Parse("f.json", mapping)).Message;
}
