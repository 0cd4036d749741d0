using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// The messages the Slack stub received, read from its request journal through WireMock's admin API
/// (<c>GET /__admin/requests</c>) — the stub runs beside the emulator (<c>batchkit up</c> starts both), so the viewer
/// proxies it rather than the page calling another origin. Both journal shapes are read: WireMock.Net's array of
/// <c>{Request, Response}</c> and the Java WireMock's <c>{requests: [{request, responseDefinition}]}</c>. Only a
/// loopback stub is read: nothing leaves the machine.
/// https://wiremock.org/docs/standalone/admin-api-reference/ and https://github.com/wiremock/WireMock.Net/wiki/Admin-API-Reference
/// </summary>
internal sealed class SlackJournal(Uri? stubUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<JsonObject> MessagesAsync(CancellationToken cancellationToken)
    {
        if (stubUrl is null)
        {
            return new JsonObject { ["configured"] = false, ["items"] = new JsonArray() };
        }

        if (!stubUrl.IsLoopback)
        {
            throw new ServiceErrorException(
                "InvalidConfiguration", $"The Slack stub URL {stubUrl} is not on this machine; the viewer reads loopback stubs only.");
        }

        JsonNode? journal;
        try
        {
            journal = JsonNode.Parse(await _http.GetStringAsync(new Uri(stubUrl, "/__admin/requests"), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new JsonObject { ["configured"] = true, ["stubUrl"] = stubUrl.ToString(), ["unreachable"] = e.Message, ["items"] = new JsonArray() };
        }

        var entries = journal switch
        {
            JsonArray net => net.OfType<JsonObject>().Select(WireMockNet),
            JsonObject java when java["requests"] is JsonArray requests => requests.OfType<JsonObject>().Select(JavaWireMock),
            _ => [],
        };
        var messages = entries.Where(e => e is { Method: "POST" } && e.Value.Path.StartsWith("/services/", StringComparison.Ordinal))
            .Select(e => e!.Value).OrderByDescending(e => e.Received).Select(Message);
        return new JsonObject { ["configured"] = true, ["stubUrl"] = stubUrl.ToString(), ["items"] = new JsonArray([.. messages]) };
    }

    private static JsonNode Message((string Method, string Path, DateTimeOffset Received, int Status, string Body) e)
    {
        var parsed = ViewerJson.ParseOrNull(e.Body) as JsonObject;
        return new JsonObject
        {
            ["received"] = ViewerJson.Time(e.Received),
            ["status"] = e.Status,
            ["webhook"] = e.Path,
            ["text"] = parsed?["text"] is JsonValue text ? text.ToString() : e.Body,
            ["blocks"] = parsed?["blocks"]?.DeepClone(),
        };
    }

    private static (string Method, string Path, DateTimeOffset Received, int Status, string Body)? WireMockNet(JsonObject entry)
    {
        if (entry["Request"] is not JsonObject request)
        {
            return null;
        }

        var received = DateTimeOffset.TryParse(Text(request["DateTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : default;
        var code = entry["Response"]?["StatusCode"] as JsonValue; // a number, or a string when a mapping gave it as one
        var status = code is not null && (code.TryGetValue<int>(out var n) || int.TryParse(Text(code), CultureInfo.InvariantCulture, out n)) ? n : 0;
        return (Text(request["Method"]) ?? "", Text(request["Path"]) ?? "", received, status, Text(request["Body"]) ?? "");
    }

    private static (string Method, string Path, DateTimeOffset Received, int Status, string Body)? JavaWireMock(JsonObject entry)
    {
        if (entry["request"] is not JsonObject request)
        {
            return null;
        }

        var received = request["loggedDate"] is JsonValue date && date.TryGetValue<long>(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default;
        var status = entry["responseDefinition"]?["status"] is JsonValue s && s.TryGetValue<int>(out var n) ? n : 0;
        return (Text(request["method"]) ?? "", Text(request["url"]) ?? "", received, status, Text(request["body"]) ?? "");
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public void Dispose() => _http.Dispose();
}
