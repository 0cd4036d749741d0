using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Validation;

/// <summary>
/// Reads a JSON value as the type its shape declares, or throws SerializationException in the words of the AWS JSON
/// front end ("Start of structure or map found where not expected.", "STRING_VALUE can not be converted to an
/// Integer"): the request is unreadable, so nothing else about it is checked.
/// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#shape-serialization
/// </summary>
internal static class JsonTypes
{
    public static T Require<T>(JsonNode value, string expected)
        where T : JsonNode =>
        value as T ?? throw Mismatch(value, expected);

    public static string String(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Mismatch(value, "String");

    public static bool Boolean(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : throw Mismatch(value, "Boolean");

    /// <summary>A number; integer and long members must be whole and fit their 32 or 64 bits.</summary>
    public static double Number(JsonNode value, string type)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            throw Mismatch(value, type switch { "integer" => "Integer", "long" => "Long", "float" => "Float", _ => "Double" });
        }

        // A parsed body holds a JsonElement; a query or header value read as a number holds a long.
        var element = v.TryGetValue<JsonElement>(out var parsed) ? parsed : JsonElement.Parse(v.ToJsonString());
        var fits = type switch
        {
            "integer" => element.TryGetInt32(out _),
            "long" => element.TryGetInt64(out _),
            _ => element.TryGetDouble(out var d) && double.IsFinite(d),
        };
        if (!fits)
        {
            throw new ServiceErrorException("SerializationException",
                $"NUMBER_VALUE {element.GetRawText()} can not be converted to {Article(type)}: it is out of range or not whole.");
        }

        return element.GetDouble();
    }

    /// <summary>Epoch seconds (a number), or an ISO 8601 string as some clients send.</summary>
    public static void Timestamp(JsonNode value)
    {
        if (value is JsonValue v && (v.GetValueKind() == JsonValueKind.Number
            || (v.GetValueKind() == JsonValueKind.String && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, out _))))
        {
            return;
        }

        throw Mismatch(value, "Date");
    }

    private static ServiceErrorException Mismatch(JsonNode value, string expected) => new("SerializationException", value switch
    {
        JsonObject => "Start of structure or map found where not expected.",
        JsonArray => "Start of list found where not expected",
        JsonValue v => $"{Kind(v)} can not be converted to {Article(expected)}",
        _ => $"The value can not be converted to {Article(expected)}",
    });

    private static string Kind(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "STRING_VALUE",
        JsonValueKind.Number => "NUMBER_VALUE",
        JsonValueKind.True => "TRUE_VALUE",
        JsonValueKind.False => "FALSE_VALUE",
        _ => "VALUE",
    };

    private static string Article(string type) => type.ToLowerInvariant() switch
    {
        "integer" => "an Integer",
        "long" => "a Long",
        "double" => "a Double",
        "float" => "a Float",
        var other => "a " + char.ToUpperInvariant(other[0]) + other[1..],
    };
}
