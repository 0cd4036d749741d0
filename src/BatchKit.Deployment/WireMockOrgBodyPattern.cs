using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Deployment;

/// <summary>
/// One entry of a WireMock mapping's <c>bodyPatterns</c>, in the Java WireMock's JSON format
/// (https://wiremock.org/docs/request-matching/): <c>contains</c>, <c>equalTo</c>, <c>matches</c> (the whole body),
/// and <c>matchesJsonPath</c> with a member path such as <c>$.text</c>, either as a string (the member is present) or as
/// <c>{"expression": "$.text", "absent": true}</c>. A body that is not JSON has no members, so it matches "absent": Slack
/// answers such a body with 400 <c>invalid_payload</c>, and so does the stub.
/// </summary>
internal sealed partial record WireMockOrgBodyPattern(string Operator, string Operand, bool Absent = false)
{
    public static WireMockOrgBodyPattern Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject pattern || pattern.Count != 1)
        {
            throw new SlackStubException($"{where}: a body pattern is one object with one operator (contains, equalTo, matches or matchesJsonPath)");
        }

        var (name, operand) = pattern.First();
        return name switch
        {
            "contains" or "equalTo" => new(name, Text(operand, $"{where}.{name}")),
            "matches" => new(name, CheckedRegex(Text(operand, $"{where}.matches"), $"{where}.matches")),
            "matchesJsonPath" when operand is JsonObject jsonPath => JsonPathPattern(jsonPath, $"{where}.matchesJsonPath"),
            "matchesJsonPath" => new(name, MemberPath(Text(operand, $"{where}.matchesJsonPath"), $"{where}.matchesJsonPath")),
            _ => throw new SlackStubException(
                $"{where}: the body pattern '{name}' is not supported by BatchKit's Slack stub (supported: contains, equalTo, matches, matchesJsonPath)"),
        };
    }

    public bool Matches(string body) => Operator switch
    {
        "contains" => body.Contains(Operand, StringComparison.Ordinal),
        "equalTo" => body == Operand,
        "matches" => Regex.IsMatch(body, $"^(?:{Operand})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
        _ => HasMember(body, Operand) != Absent,
    };

    private static WireMockOrgBodyPattern JsonPathPattern(JsonObject jsonPath, string where)
    {
        var unknown = jsonPath.Select(p => p.Key).Except(["expression", "absent"]).FirstOrDefault();
        if (unknown is not null || jsonPath["absent"] is not JsonValue absent || absent.GetValueKind() != JsonValueKind.True)
        {
            var why = unknown is null ? "" : $" ('{unknown}' is not)";
            throw new SlackStubException($"{where}: only {{\"expression\": \"$.member\", \"absent\": true}} is supported as an object{why}");
        }

        return new("matchesJsonPath", MemberPath(Text(jsonPath["expression"], $"{where}.expression"), $"{where}.expression"), Absent: true);
    }

    private static string Text(JsonNode? node, string where) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new SlackStubException($"{where}: expected a string");

    private static string CheckedRegex(string pattern, string where)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return pattern;
        }
        catch (ArgumentException e)
        {
            throw new SlackStubException($"{where}: '{pattern}' is not a regular expression ({e.Message})", e);
        }
    }

    private static string MemberPath(string expression, string where) =>
        MemberPathSyntax().IsMatch(expression)
            ? expression
            : throw new SlackStubException($"{where}: '{expression}' is not a member path like $.text (the only JSONPath the stub evaluates)");

    /// <summary>True when the body is JSON and the path leads to a value other than null.</summary>
    private static bool HasMember(string body, string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return false;
        }

        foreach (var member in path[2..].Split('.'))
        {
            node = node is JsonObject o ? o[member] : null;
        }

        return node is not null;
    }

    [GeneratedRegex(@"^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
    private static partial Regex MemberPathSyntax();
}
