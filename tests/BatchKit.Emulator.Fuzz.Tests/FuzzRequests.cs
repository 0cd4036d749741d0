using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using BatchKit.Aws;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// Turns a case into the HTTP request an SDK would send for it, signed correctly with BatchKit's own SigV4 signer:
/// the JSON protocols as <c>POST /</c> with X-Amz-Target; REST protocols from the operation's HTTP binding in the
/// model (URI labels, query string and headers from their members, the rest as the body).
/// </summary>
internal sealed class FuzzRequests(Uri endpoint, JsonObject model)
{
    private readonly JsonObject _metadata = model["metadata"]!.AsObject();
    private readonly JsonObject _shapes = model["shapes"]!.AsObject();

    public string SigningName => _metadata["signingName"]?.GetValue<string>() ?? _metadata["endpointPrefix"]!.GetValue<string>();

    public HttpRequestMessage Build(FuzzCase c)
    {
        var operation = model["operations"]![c.Operation]!.AsObject();
        var request = _metadata["protocol"]!.GetValue<string>() == "json" ? Json(c) : Rest(c, operation);
        var body = request.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
        SigV4Signer.Sign(request, body, new ImmutableCredentials("fuzz", "test", null), "us-east-1", SigningName, DateTime.UtcNow);
        return request;
    }

    private HttpRequestMessage Json(FuzzCase c)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(c.RawBody ?? Encoding.UTF8.GetBytes(c.Input.ToJsonString())),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/x-amz-json-{_metadata["jsonVersion"]!.GetValue<string>()}");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{_metadata["targetPrefix"]!.GetValue<string>()}.{c.Operation}");
        return request;
    }

    private HttpRequestMessage Rest(FuzzCase c, JsonObject operation)
    {
        var template = operation["http"]!["requestUri"]!.GetValue<string>().Split('?', 2);
        var path = template[0];
        var query = new List<string>(template.Length > 1 ? template[1].Split('&') : []);
        var headers = new List<(string Name, string Value)>();
        var shape = _shapes[operation["input"]!["shape"]!.GetValue<string>()]!.AsObject();
        var payload = shape["payload"]?.GetValue<string>();
        var body = new JsonObject();
        foreach (var (name, member) in shape["members"]!.AsObject())
        {
            var wire = member!["locationName"]?.GetValue<string>() ?? name;
            var value = c.Input[name];
            switch (member["location"]?.GetValue<string>())
            {
                case "uri":
                    path = Label(path, wire, value);
                    break;
                case "querystring" when value is not null:
                    query.Add($"{Uri.EscapeDataString(wire)}={Uri.EscapeDataString(Text(value))}");
                    break;
                case "header" when value is not null:
                    headers.Add((wire, HeaderSafe(Text(value))));
                    break;
                case null when name != payload && c.Input.ContainsKey(name):
                    body[name] = value?.DeepClone();
                    break;
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(operation["http"]!["method"]!.GetValue<string>()), new Uri(endpoint, path + (query.Count > 0 ? "?" + string.Join('&', query) : "")));
        var bytes = c.RawBody ?? (payload is null ? Encoding.UTF8.GetBytes(body.ToJsonString()) : []);
        if (bytes.Length > 0 || request.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        foreach (var (name, value) in headers)
        {
            // Content-MD5, Content-Type and friends belong to the content; a request without a body gets one for them.
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>Fills <c>{Name}</c> (one segment) or <c>{Name+}</c> (the rest of the path, slashes kept).</summary>
    private static string Label(string path, string name, JsonNode? value)
    {
        var text = value is null ? "" : Text(value);
        return path.Replace("{" + name + "+}", string.Join('/', text.Split('/').Select(Uri.EscapeDataString)), StringComparison.Ordinal)
            .Replace("{" + name + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
    }

    public static string Text(JsonNode value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>HTTP header values carry no control characters or non-ASCII (the HTTP stack refuses to send them).</summary>
    public static string HeaderSafe(string value) =>
        string.Create(value.Length, value, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] is < ' ' or > '~' ? '?' : text[i];
            }
        });

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
