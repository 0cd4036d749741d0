using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Util;

namespace BatchKit.Deployment;

/// <summary>
/// A stub mapping file in the Java WireMock's JSON format (https://wiremock.org/docs/stubbing/), the format of
/// <c>localstack/wiremock/mappings/</c>, which the WireMock container of localstack/docker-compose.yml reads too.
/// WireMock.Net's own importer of this format drops <c>priority</c> and an object-valued <c>matchesJsonPath</c> (the
/// invalid-payload mapping would then match every message), so BatchKit reads the files itself: only what the Slack
/// mappings use, and anything else is refused by name instead of being silently ignored.
/// </summary>
internal sealed record WireMockOrgMapping(
    string Name, int Priority, string Method, Regex PathPattern, IReadOnlyList<WireMockOrgBodyPattern> BodyPatterns,
    int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>WireMock's default when a mapping names no priority (https://wiremock.org/docs/stubbing/#stub-priority).</summary>
    public const int DefaultPriority = 5;

    /// <summary>Every <c>*.json</c> file of <paramref name="directory"/>, in name order.</summary>
    public static IReadOnlyList<WireMockOrgMapping> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new SlackStubException($"the Slack stub's mappings directory {directory} does not exist");
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToArray();
        return files.Length == 0
            ? throw new SlackStubException($"the Slack stub's mappings directory {directory} holds no *.json mapping")
            : [.. files.Select(f => Parse(f, File.ReadAllText(f)))];
    }

    public static WireMockOrgMapping Parse(string file, string json)
    {
        JsonObject mapping;
        try
        {
            mapping = JsonNode.Parse(json) as JsonObject ?? throw new SlackStubException($"{file}: a mapping is one JSON object");
        }
        catch (JsonException e)
        {
            throw new SlackStubException($"{file}: not valid JSON ({e.Message})", e);
        }

        Refuse(mapping, file, "name", "priority", "request", "response", "metadata");
        var request = Member<JsonObject>(mapping, "request", file) ?? throw new SlackStubException($"{file}: the mapping has no request");
        var response = Member<JsonObject>(mapping, "response", file) ?? throw new SlackStubException($"{file}: the mapping has no response");
        Refuse(request, $"{file}: request", "method", "urlPath", "urlPathPattern", "bodyPatterns");
        Refuse(response, $"{file}: response", "status", "headers", "body");

        var headers = Member<JsonObject>(response, "headers", file) ?? [];
        var body = Member<JsonArray>(request, "bodyPatterns", file) ?? [];
        return new WireMockOrgMapping(
            Member<string>(mapping, "name", file) ?? Path.GetFileNameWithoutExtension(file),
            Member<int?>(mapping, "priority", file) ?? DefaultPriority,
            Member<string>(request, "method", file) ?? "ANY",
            ParseUrlPath(request, file),
            [.. body.Select((p, i) => WireMockOrgBodyPattern.Parse(p, $"{file}: request.bodyPatterns[{i}]"))],
            Member<int?>(response, "status", file) ?? 200,
            headers.ToDictionary(h => h.Key, h => Member<string>(headers, h.Key, $"{file}: response.headers")!),
            Member<string>(response, "body", file) ?? "");
    }

    /// <summary><c>urlPath</c> is the exact path; <c>urlPathPattern</c> a regular expression the whole path matches.</summary>
    private static Regex ParseUrlPath(JsonObject request, string file)
    {
        if (Member<string>(request, "urlPathPattern", file) is { } pattern)
        {
            try
            {
                return new Regex($"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new SlackStubException($"{file}: request.urlPathPattern '{pattern}' is not a regular expression ({e.Message})", e);
            }
        }

        return Member<string>(request, "urlPath", file) is { } path
            ? new Regex($"^{Regex.Escape(path)}$")
            : throw new SlackStubException($"{file}: the request has neither urlPath nor urlPathPattern");
    }

    /// <summary>Adds the mapping to <paramref name="server"/>, where it shows in the admin API like any other.</summary>
    public void Register(WireMockServer server)
    {
        var request = Request.Create()
            .WithPath(p => PathPattern.IsMatch(p))
            .WithBody((IBodyData? b) => BodyPatterns.All(p => p.Matches(b?.BodyAsString ?? "")));
        request = Method == "ANY" ? request.UsingAnyMethod() : request.UsingMethod(Method);
        var response = Response.Create().WithStatusCode(Status).WithBody(Body);
        foreach (var (name, value) in Headers)
        {
            response = response.WithHeader(name, value);
        }

        server.Given(request).AtPriority(Priority).WithTitle(Name).RespondWith(response);
    }

    private static void Refuse(JsonObject node, string where, params string[] supported)
    {
        if (node.Select(p => p.Key).FirstOrDefault(k => !supported.Contains(k)) is { } unknown)
        {
            throw new SlackStubException($"{where}: '{unknown}' is not supported by BatchKit's Slack stub (supported: {string.Join(", ", supported)})");
        }
    }

    private static T? Member<T>(JsonObject node, string name, string file)
    {
        try
        {
            return node[name] is { } value ? value.Deserialize<T>() : default;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new SlackStubException($"{file}: '{name}' has the wrong type ({e.Message})", e);
        }
    }
}
