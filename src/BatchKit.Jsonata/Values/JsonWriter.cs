using System.Globalization;
using System.Text;

namespace BatchKit.Jsonata.Values;

/// <summary>
/// JSON text as JavaScript's JSON.stringify writes it (https://tc39.es/ecma262/#sec-json.stringify): JavaScript
/// number formatting and key order, only the escapes JSON requires, undefined members left out. The
/// <c>$string</c> flavour (https://docs.jsonata.org/string-functions#string) prints non-integers to 15 significant
/// digits and functions as "".
/// </summary>
internal static class JsonWriter
{
    /// <summary>JSON.stringify(value, null, indent ? 2 : 0); null when the value has no JSON text (undefined, a function).</summary>
    public static string? Stringify(object? value, bool indent)
    {
        if (value is null or JsonataFunction)
        {
            return null;
        }

        var builder = new StringBuilder();
        Write(builder, value, indent ? "  " : null, "", forString: false);
        return builder.ToString();
    }

    /// <summary>The JSON text <c>$string</c> produces for an object, array, number, boolean or null.</summary>
    public static string StringifyForString(object value, bool indent)
    {
        var builder = new StringBuilder();
        Write(builder, value, indent ? "  " : null, "", forString: true);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object value, string? gap, string indentation, bool forString)
    {
        switch (value)
        {
            case string s:
                WriteString(builder, s);
                break;
            case double d:
                WriteNumber(builder, d, forString);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case JsonNull:
                builder.Append("null");
                break;
            case JsonataFunction:
                builder.Append(forString ? "\"\"" : "null");
                break;
            case JsonataArray array:
                WriteArray(builder, array, gap, indentation, forString);
                break;
            case JsonataObject obj:
                WriteObject(builder, obj, gap, indentation, forString);
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteNumber(StringBuilder builder, double d, bool forString)
    {
        if (!double.IsFinite(d))
        {
            if (forString && double.IsInfinity(d))
            {
                throw new JsonataException("D1001") { Value = d };
            }

            builder.Append("null");
            return;
        }

        var text = JsNumber.ToString(d);
        if (forString && !JsNumber.IsInteger(d) && SignificantDigits(text) > 15)
        {
            // a number printed with up to 15 digits reads back the same after toPrecision(15): only longer ones change
            text = JsNumber.ToString(JsNumber.ToPrecision(d, 15));
        }

        builder.Append(text);
    }

    /// <summary>The digits of a number's shortest text, without leading zeros and the exponent.</summary>
    private static int SignificantDigits(string text)
    {
        var count = 0;
        var leading = true;
        foreach (var c in text)
        {
            if (c is 'e' or 'E')
            {
                break;
            }

            if (c is >= '1' and <= '9' || (c == '0' && !leading))
            {
                count++;
                leading = false;
            }
        }

        return count;
    }

    private static void WriteArray(StringBuilder builder, JsonataArray array, string? gap, string indentation, bool forString)
    {
        StackGuard.Ensure();
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        var inner = gap is null ? indentation : indentation + gap;
        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            NewLine(builder, gap, inner);
            var item = array[i];
            if (item is null)
            {
                builder.Append("null");
            }
            else
            {
                Write(builder, item, gap, inner, forString);
            }
        }

        NewLine(builder, gap, indentation);
        builder.Append(']');
    }

    private static void WriteObject(StringBuilder builder, JsonataObject obj, string? gap, string indentation, bool forString)
    {
        StackGuard.Ensure();
        var inner = gap is null ? indentation : indentation + gap;
        var first = true;
        builder.Append('{');
        foreach (var (key, item) in obj.Entries)
        {
            if (item is null || (item is JsonataFunction && !forString))
            {
                continue;
            }

            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            NewLine(builder, gap, inner);
            WriteString(builder, key);
            builder.Append(gap is null ? ":" : ": ");
            Write(builder, item, gap, inner, forString);
        }

        if (!first)
        {
            NewLine(builder, gap, indentation);
        }

        builder.Append('}');
    }

    private static void NewLine(StringBuilder builder, string? gap, string indentation)
    {
        if (gap is not null)
        {
            builder.Append('\n').Append(indentation);
        }
    }

    /// <summary>QuoteJSONString: escapes quote, backslash, control characters and lone surrogates only.</summary>
    public static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(value, i))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
        }

        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
    }
}
