using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// What TestState shows of an http:invoke call at inspection level TRACE (inspectionData.request and .response). What
/// the EventBridge connection added (its authorization header, its invocation header and query parameters) is left
/// out unless the request set revealSecrets; what the state definition or the HTTP response holds is always shown.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_InspectionData.html
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
/// </summary>
internal sealed class HttpInspection(bool revealSecrets)
{
    private readonly HashSet<string> _secretHeaders = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _secretQuery = new(StringComparer.Ordinal);

    public void SecretHeader(string name) => _secretHeaders.Add(name);

    public void SecretQuery(string name) => _secretQuery.Add(name);

    /// <summary>The request as sent: the URL with its query and the headers, each without the connection's secrets unless revealed.</summary>
    public JsonObject Request(string method, string endpoint, List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> headers,
        string? body)
    {
        var shownQuery = query.Where(q => revealSecrets || !_secretQuery.Contains(q.Key))
            .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)).ToList();
        var url = shownQuery.Count == 0 ? endpoint : endpoint + (endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', shownQuery);
        return new JsonObject
        {
            ["protocol"] = new Uri(endpoint).Scheme,
            ["method"] = method,
            ["url"] = url,
            ["headers"] = Headers(headers.Where(h => revealSecrets || !_secretHeaders.Contains(h.Key))),
            ["body"] = body ?? "",
        };
    }

    public static JsonObject Response(string protocol, int statusCode, string statusMessage, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers,
        string body) => new()
    {
        ["protocol"] = protocol,
        ["statusCode"] = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["statusMessage"] = statusMessage,
        ["headers"] = Headers(headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v)))),
        ["body"] = body,
    };

    /// <summary>The headers as one text (the model's HTTPHeaders is a string): a JSON object of name to values.</summary>
    private static string Headers(IEnumerable<KeyValuePair<string, string>> headers) =>
        new JsonObject(headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)new JsonArray(g.Select(h => (JsonNode?)h.Value).ToArray())))).ToJsonString();
}
