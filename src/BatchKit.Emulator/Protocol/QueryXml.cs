using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// Writes a query service's answer: <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;members&lt;/ActionResult&gt;
/// &lt;ResponseMetadata&gt;&lt;RequestId/&gt;&lt;/ResponseMetadata&gt;&lt;/ActionResponse&gt;</c>, and errors as
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>.
/// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#response-serialization
/// </summary>
internal static class QueryXml
{
    public static XDocument Response(string action, JsonObject result, XNamespace ns, QueryXmlShape shape, string requestId) => new(
        new XDeclaration("1.0", "UTF-8", null),
        new XElement(ns + (action + "Response"),
            new XElement(ns + (action + "Result"), Members(result, ns, shape)),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId))));

    public static XDocument Error(ServiceErrorException error, XNamespace ns, string requestId) => new(
        new XDeclaration("1.0", "UTF-8", null),
        new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error",
                new XElement(ns + "Type", error.StatusCode < 500 ? "Sender" : "Receiver"),
                new XElement(ns + "Code", error.QueryCode ?? error.Code),
                new XElement(ns + "Message", error.Message)),
            new XElement(ns + "RequestId", requestId)));

    private static IEnumerable<XElement> Members(JsonObject members, XNamespace ns, QueryXmlShape shape)
    {
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                continue;
            }

            if (shape.Flattened.TryGetValue(name, out var itemName))
            {
                foreach (var item in Flattened(value, ns + itemName, ns, shape))
                {
                    yield return item;
                }

                continue;
            }

            yield return new XElement(ns + name, Content(name, value, ns, shape));
        }
    }

    private static IEnumerable<XElement> Flattened(JsonNode value, XName item, XNamespace ns, QueryXmlShape shape) => value switch
    {
        JsonArray list => list.Select(i => new XElement(item, Content(item.LocalName, i!, ns, shape))),
        JsonObject map => map.Select(p =>
            new XElement(item, new XElement(ns + "Name", p.Key), new XElement(ns + "Value", Content("Value", p.Value!, ns, shape)))),
        _ => [new XElement(item, Content(item.LocalName, value, ns, shape))],
    };

    private static object? Content(string name, JsonNode value, XNamespace ns, QueryXmlShape shape) => value switch
    {
        JsonArray list => list.Select(i => new XElement(ns + "member", Content("member", i!, ns, shape))),
        JsonObject o => Members(o, ns, shape),
        JsonValue v when shape.Timestamps.Contains(name) && v.TryGetValue<double>(out var epoch) =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        _ => value.ToJsonString(),
    };
}
