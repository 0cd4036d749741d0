using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.EventBridge;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// <c>arn:aws:states:::http:invoke</c>: calls a public HTTPS API (locally: any URL, e.g. the WireMock Slack stub) with
/// the credentials of an EventBridge connection. Non-2xx answers fail the task with <c>States.Http.StatusCode.NNN</c>,
/// network failures with <c>States.Http.Socket</c>, so Retry can match them as on AWS.
/// https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
/// </summary>
internal sealed class HttpInvokeIntegration(EventBridgeProvider events)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <param name="revealSecrets">TestState's revealSecrets: the inspection shows what the connection added.</param>
    public async Task<TaskResult> InvokeAsync(JsonNode? parameters, bool revealSecrets, CancellationToken cancellationToken)
    {
        var endpoint = parameters?["ApiEndpoint"]?.GetValue<string>();
        var method = parameters?["Method"]?.GetValue<string>();
        var connectionArn = parameters?["Authentication"]?["ConnectionArn"]?.GetValue<string>();
        if (endpoint is null || method is null || connectionArn is null)
        {
            return TaskResult.Failure("States.Runtime", "http:invoke needs ApiEndpoint, Method and Authentication.ConnectionArn.");
        }

        var connection = events.FindByArn(connectionArn);
        if (connection is null)
        {
            return TaskResult.Failure("Events.ResourceNotFoundException", $"The connection '{connectionArn}' does not exist.");
        }

        var query = new List<KeyValuePair<string, string>>();
        var headers = new List<KeyValuePair<string, string>>();
        Collect(parameters?["QueryParameters"], query);
        Collect(parameters?["Headers"], headers);
        var inspection = new HttpInspection(revealSecrets);
        if (!AddConnection(connection, query, headers, inspection))
        {
            return TaskResult.Failure(
                "States.Runtime", "BatchKit's emulator supports API_KEY and BASIC connections for http:invoke; OAuth client credentials are not emulated.");
        }

        using var request = Request(method, endpoint, parameters, query, headers);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var result = await SendAsync(request, $"{method} {endpoint}", cancellationToken).ConfigureAwait(false);
        return result with
        {
            HttpInspection = new JsonObject
            {
                ["request"] = inspection.Request(method, endpoint, query, headers, body),
                ["response"] = result.HttpInspection,
            },
        };
    }

    /// <summary>The connection's invocation parameters and credentials, each marked secret for the inspection; false for OAuth.</summary>
    private static bool AddConnection(JsonNode connection, List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> headers,
        HttpInspection inspection)
    {
        var auth = connection["AuthParameters"];
        var secretQuery = new List<KeyValuePair<string, string>>();
        var secretHeaders = new List<KeyValuePair<string, string>>();
        Collect(auth?["InvocationHttpParameters"]?["QueryStringParameters"], secretQuery, "Key", "Value");
        Collect(auth?["InvocationHttpParameters"]?["HeaderParameters"], secretHeaders, "Key", "Value");
        if (!AddAuthorization(connection["AuthorizationType"]?.GetValue<string>(), auth, secretHeaders))
        {
            return false;
        }

        secretQuery.ForEach(q => inspection.SecretQuery(q.Key));
        secretHeaders.ForEach(h => inspection.SecretHeader(h.Key));
        query.AddRange(secretQuery);
        headers.AddRange(secretHeaders);
        return true;
    }

    /// <summary>The connection's credentials as a header; false for an authorization type BatchKit does not emulate.</summary>
    private static bool AddAuthorization(string? type, JsonNode? auth, List<KeyValuePair<string, string>> headers)
    {
        switch (type)
        {
            case "API_KEY":
                var apiKey = auth!["ApiKeyAuthParameters"]!;
                headers.Add(new(apiKey["ApiKeyName"]!.GetValue<string>(), apiKey["ApiKeyValue"]!.GetValue<string>()));
                return true;
            case "BASIC":
                var user = auth!["BasicAuthParameters"]!["Username"]!.GetValue<string>();
                var password = auth["BasicAuthParameters"]!["Password"]!.GetValue<string>();
                headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))));
                return true;
            default:
                return false;
        }
    }

    private static HttpRequestMessage Request(
        string method, string endpoint, JsonNode? parameters, List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> headers)
    {
        var queryString = string.Join('&', query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));
        var url = query.Count == 0 ? endpoint : endpoint + (endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + queryString;
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (parameters?["RequestBody"] is { } body)
        {
            var urlEncoded = parameters["Transform"]?["RequestBodyEncoding"]?.GetValue<string>() == "URL_ENCODED";
            request.Content = urlEncoded && body is JsonObject form
                ? new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, FieldText(p.Value))))
                : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>
    /// The answer as AWS's http:invoke result; a non-2xx answer or a network failure as the task's error, named by
    /// <paramref name="call"/> (method and endpoint without the query, which may carry the connection's secrets).
    /// </summary>
    private static async Task<TaskResult> SendAsync(HttpRequestMessage request, string call, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var result = new JsonObject
            {
                ["Headers"] = new JsonObject(response.Headers.Concat(response.Content.Headers)
                    .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)new JsonArray(h.Value.Select(v => (JsonNode?)v).ToArray())))),
                ["ResponseBody"] = Body(text, response.Content.Headers.ContentType),
                ["StatusCode"] = (int)response.StatusCode,
                ["StatusText"] = response.ReasonPhrase ?? "",
            };
            var shown = HttpInspection.Response(request.RequestUri!.Scheme, (int)response.StatusCode, response.ReasonPhrase ?? "",
                response.Headers.Concat(response.Content.Headers), text);
            return (response.IsSuccessStatusCode
                ? TaskResult.Success(result)
                : TaskResult.Failure($"States.Http.StatusCode.{(int)response.StatusCode}", result.ToJsonString())) with { HttpInspection = shown };
        }
        catch (HttpRequestException e)
        {
            return TaskResult.Failure("States.Http.Socket", $"{call}: {e.Message}");
        }
    }

    private static JsonNode? Body(string text, MediaTypeHeaderValue? contentType)
    {
        if (contentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Claimed JSON but is not: hand the text back as is.
            }
        }

        return text;
    }

    /// <summary>A form field or parameter as text: a string as it is, anything else as its JSON, null as empty.</summary>
    private static string FieldText(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";

    /// <summary>Reads {"k": "v"} objects, or [{"Key": k, "Value": v}] lists as connections store them.</summary>
    private static void Collect(JsonNode? node, List<KeyValuePair<string, string>> into, string keyName = "Key", string valueName = "Value")
    {
        switch (node)
        {
            case JsonObject o:
                into.AddRange(o.Select(p => new KeyValuePair<string, string>(p.Key, FieldText(p.Value))));
                break;
            case JsonArray a:
                into.AddRange(a.Select(i => new KeyValuePair<string, string>(i![keyName]!.GetValue<string>(), i[valueName]?.GetValue<string>() ?? "")));
                break;
        }
    }
}
