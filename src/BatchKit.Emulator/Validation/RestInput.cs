using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Validation;

/// <summary>
/// A REST operation's input gathered into one object, member by member from where its binding puts it (URI label,
/// query string, header or the JSON body), so one validator checks them all. A query or header value is text on
/// the wire: a number member that does not read as a number stays text, and the validator names it.
/// https://smithy.io/2.0/spec/http-bindings.html
/// </summary>
internal static class RestInput
{
    public static JsonObject Gather(
        ServiceModel model, ModelOperation operation, IReadOnlyDictionary<string, string> labels, HttpRequest request, JsonObject body)
    {
        var input = new JsonObject();
        if (operation.InputShape is null)
        {
            return input;
        }

        var shape = model.Shape(operation.InputShape);
        var payload = shape["payload"]?.GetValue<string>();
        foreach (var (name, member) in shape["members"] as JsonObject ?? [])
        {
            var location = member!["location"]?.GetValue<string>();
            var wireName = member["locationName"]?.GetValue<string>() ?? name;
            var type = model.Shape(member["shape"]!.GetValue<string>())["type"]!.GetValue<string>();
            string? text = location switch
            {
                "uri" => labels.GetValueOrDefault(wireName),
                "querystring" when request.Query.TryGetValue(wireName, out var q) => q.ToString(),
                "header" when request.Headers.TryGetValue(wireName, out var h) => h.ToString(),
                _ => null,
            };
            if (location is null && name != payload && body[name] is { } value)
            {
                input[name] = value.DeepClone();
            }
            else if (text is not null)
            {
                input[name] = Typed(text, type);
            }
        }

        return input;
    }

    private static JsonValue Typed(string text, string type) => type switch
    {
        "integer" or "long" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        "boolean" when bool.TryParse(text, out var b) => JsonValue.Create(b),
        _ => JsonValue.Create(text),
    };
}
