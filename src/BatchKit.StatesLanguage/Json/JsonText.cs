using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Json;

/// <summary>The engine's one way to read and write JSON text: compact, non-ASCII kept as is (as AWS prints it).</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 512,
    };

    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static JsonNode? Parse(string text) => JsonNode.Parse(text, NodeOptions, DocumentOptions);

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue va && b is JsonValue vb && IsNumber(va) && IsNumber(vb))
        {
            return ToDecimalOrDouble(va).Equals(ToDecimalOrDouble(vb));
        }

        if (a is JsonArray aa && b is JsonArray ab)
        {
            return aa.Count == ab.Count && aa.Zip(ab).All(p => DeepEquals(p.First, p.Second));
        }

        if (a is JsonObject oa && b is JsonObject ob)
        {
            return oa.Count == ob.Count && oa.All(p => ob.TryGetPropertyValue(p.Key, out var v) && DeepEquals(p.Value, v));
        }

        return JsonNode.DeepEquals(a, b);
    }

    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool IsNumber(JsonNode? node) => Kind(node) == JsonValueKind.Number;

    public static bool IsString(JsonNode? node, out string value)
    {
        if (Kind(node) == JsonValueKind.String)
        {
            value = node!.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>A JSON number as decimal when it fits exactly, else as double (for comparisons and arithmetic).</summary>
    public static double ToDouble(JsonNode node) => double.Parse(Serialize(node), System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (!IsNumber(node))
        {
            return false;
        }

        var text = Serialize(node);
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // 3.0 is an integer too; 3.5 is not.
        return decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue && (value = (long)d) == d;
    }

    private static object ToDecimalOrDouble(JsonValue value)
    {
        var text = Serialize(value);
        return decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d
            : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
