using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Values;

/// <summary>
/// The boundary: System.Text.Json nodes in, the evaluator's values inside, nodes out. Numbers become doubles
/// (JSONata's only number type); on the way out an integer stays an integer and a number JavaScript prints in
/// exponent form keeps that text, so the node serialises as jsonata-js would.
/// </summary>
internal static class JsonNodeConverter
{
    public static object? ToValue(JsonNode? node)
    {
        StackGuard.Ensure();
        switch (node)
        {
            case null:
                return JsonNull.Value;
            case JsonObject obj:
                var result = new JsonataObject(obj.Count);
                foreach (var (key, item) in obj)
                {
                    result[key] = ToValue(item);
                }

                return result;
            case JsonArray array:
                var items = new JsonataArray(array.Count);
                foreach (var item in array)
                {
                    items.Add(ToValue(item));
                }

                return items;
            default:
                return ToPrimitive(node.AsValue());
        }
    }

    /// <summary>A parsed document's value, as JSON.parse reads it (a repeated key: the last one wins).</summary>
    public static object? ToValue(JsonElement element)
    {
        StackGuard.Ensure();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new JsonataObject();
                foreach (var property in element.EnumerateObject())
                {
                    result[property.Name] = ToValue(property.Value);
                }

                return result;
            case JsonValueKind.Array:
                var items = new JsonataArray(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(ToValue(item));
                }

                return items;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return JsonNull.Value;
        }
    }

    private static object ToPrimitive(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.TryGetValue<string>(out var s) ? s : JsonElement.Parse(value.ToJsonString()).GetString()!;
            case JsonValueKind.Number:
                return value.TryGetValue<double>(out var d)
                    ? d
                    : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return JsonNull.Value;
        }
    }

    /// <summary>The node for a defined value (JSON.stringify's rules: functions and undefined members are left out).</summary>
    public static JsonNode? ToNode(object value)
    {
        StackGuard.Ensure();
        switch (value)
        {
            case string s:
                return JsonValue.Create(s);
            case double d:
                return NumberNode(d);
            case bool b:
                return JsonValue.Create(b);
            case JsonataArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(item is null or JsonataFunction ? null : ToNode(item));
                }

                return items;
            case JsonataObject obj:
                var result = new JsonObject();
                foreach (var (key, item) in obj.Entries)
                {
                    if (item is not (null or JsonataFunction))
                    {
                        result[key] = ToNode(item);
                    }
                }

                return result;
            default:
                return null;
        }
    }

    private static JsonValue? NumberNode(double d)
    {
        if (!double.IsFinite(d))
        {
            return null; // JSON has no NaN or Infinity; JSON.stringify writes null
        }

        if (d == 0)
        {
            return JsonValue.Create(0.0);
        }

        // A double node reads back with GetValue<double>() and writes the same text as JavaScript except where
        // .NET switches to exponent notation earlier (1E+15, 1E-05); those keep JavaScript's text instead.
        if (Math.Abs(d) < 1e15 && (d == Math.Floor(d) || Math.Abs(d) >= 1e-4))
        {
            return JsonValue.Create(d);
        }

        var text = JsNumber.ToString(d);
        if (text == d.ToString("R", CultureInfo.InvariantCulture))
        {
            return JsonValue.Create(d);
        }

        using var document = JsonDocument.Parse(text);
        return JsonValue.Create(document.RootElement.Clone());
    }
}
