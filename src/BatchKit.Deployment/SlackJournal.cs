using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Deployment;

/// <summary>
/// Reads the stub's request journal (<c>GET /__admin/requests</c>) into the messages posted to the webhook. It reads
/// WireMock.Net's shape (an array of <c>{Request: {DateTime, Method, Path, Body}, Response: {StatusCode}}</c>, BatchKit's
/// own stub) and the Java WireMock's (<c>{requests: [{request: {loggedDate, method, url, body}, responseDefinition:
/// {status}}]}</c>, the container the LocalStack engine's docker-compose.yml runs), so <c>batchkit slack</c> reads both.
/// https://wiremock.org/docs/standalone/admin-api-reference/
/// </summary>
internal static class SlackJournal
{
    public static IReadOnlyList<SlackMessage> Messages(JsonNode? journal)
    {
        var entries = journal switch
        {
            JsonArray net => net.Select(WireMockNet),
            JsonObject java when java["requests"] is JsonArray requests => requests.Select(JavaWireMock),
            _ => throw new SlackStubException($"the Slack stub's journal is neither WireMock.Net's nor WireMock's: {Shorten(journal?.ToJsonString())}"),
        };
        return [.. entries
            .Where(e => e is { Method: "POST" } && e.Value.Path.StartsWith("/services/", StringComparison.Ordinal))
            .Select(e => e!.Value.Message)
            .OrderBy(m => m.Received)];
    }

    private static (string Method, string Path, SlackMessage Message)? WireMockNet(JsonNode? entry)
    {
        if (entry?["Request"] is not JsonObject request)
        {
            return null;
        }

        var received = DateTimeOffset.Parse(Text(request["DateTime"]) ?? "0001-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        // WireMock.Net writes StatusCode as a number, or as a string when a mapping gave it as one.
        var code = entry["Response"]?["StatusCode"] as JsonValue;
        var status = code is not null && (code.TryGetValue<int>(out var n) || int.TryParse(Text(code), CultureInfo.InvariantCulture, out n)) ? n : 0;
        return (Text(request["Method"]) ?? "", Text(request["Path"]) ?? "", new SlackMessage(received, status, MessageText(Text(request["Body"]) ?? "")));
    }

    private static (string Method, string Path, SlackMessage Message)? JavaWireMock(JsonNode? entry)
    {
        if (entry?["request"] is not JsonObject request)
        {
            return null;
        }

        var received = DateTimeOffset.FromUnixTimeMilliseconds(request["loggedDate"]?.GetValue<long>() ?? 0);
        var status = entry["responseDefinition"]?["status"]?.GetValue<int>() ?? 0;
        return (Text(request["method"]) ?? "", Text(request["url"]) ?? "", new SlackMessage(received, status, MessageText(Text(request["body"]) ?? "")));
    }

    /// <summary>The <c>text</c> field of a Slack message body, or the raw body when it is not such a message.</summary>
    private static string MessageText(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject message && Text(message["text"]) is { } text ? text : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Shorten(string? text) => text is null ? "(empty)" : text.Length <= 200 ? text : text[..200] + "...";
}
