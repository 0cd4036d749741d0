using System.Text;
using System.Text.RegularExpressions;
using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>The string functions (https://docs.jsonata.org/string-functions); lengths and offsets count code points.</summary>
internal static partial class StringFunctions
{
    public static object? String(NativeCall call, object?[] args)
    {
        var value = Arg(args, 0);
        return value is null ? null : ToText(value, Value.IsTruthy(Arg(args, 1)));
    }

    /// <summary>$string of a defined value: strings as they are, functions as "", the rest as JSON.</summary>
    public static string ToText(object value, bool prettify = false)
    {
        switch (value)
        {
            case string s:
                return s;
            case JsonataFunction:
                return "";
            case double d when !double.IsFinite(d):
                throw new JsonataException("D3001") { Value = d };
            case JsonataArray { OuterWrapper: true } wrapper:
                value = wrapper[0]!;
                break;
        }

        return JsonWriter.StringifyForString(value, prettify);
    }

    public static object? Substring(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var boundaries = Value.CodePointBoundaries(text);
        var length = boundaries.Length - 1;
        var start = Arg(args, 1) as double? ?? double.NaN; // undefined acts as NaN, i.e. 0
        if (length + start < 0 || double.IsNaN(start))
        {
            start = 0;
        }

        if (Arg(args, 2) is double count)
        {
            if (count <= 0)
            {
                return "";
            }

            var end = start >= 0 ? start + count : length + start + count;
            return Slice(text, boundaries, start, end);
        }

        return Slice(text, boundaries, start, length);
    }

    /// <summary>Array.prototype.slice over the code points: negative offsets count from the end.</summary>
    private static string Slice(string text, int[] boundaries, double start, double end)
    {
        var length = boundaries.Length - 1;
        var from = Clamp(start, length);
        var to = Clamp(end, length);
        return from >= to ? "" : text[boundaries[from]..boundaries[to]];
    }

    private static int Clamp(double offset, int length)
    {
        var relative = double.IsNaN(offset) ? 0 : Math.Truncate(offset);
        return relative < 0 ? (int)Math.Max(length + relative, 0) : (int)Math.Min(relative, length);
    }

    public static object? SubstringBefore(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var chars = Arg(args, 1) as string ?? "undefined";
        var position = text.IndexOf(chars, StringComparison.Ordinal);
        return position > -1 ? text[..position] : text;
    }

    public static object? SubstringAfter(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var chars = Arg(args, 1) as string ?? "undefined";
        var position = text.IndexOf(chars, StringComparison.Ordinal);
        return position > -1 ? text[(position + chars.Length)..] : text;
    }

    public static object? Lowercase(NativeCall call, object?[] args) => Arg(args, 0) is string text ? CaseMapping.ToLower(text) : null;

    public static object? Uppercase(NativeCall call, object?[] args) => Arg(args, 0) is string text ? CaseMapping.ToUpper(text) : null;

    public static object? Length(NativeCall call, object?[] args) =>
        Arg(args, 0) is string text ? (double)(Value.CodePointBoundaries(text).Length - 1) : null;

    public static object? Trim(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var result = Whitespace().Replace(text, " ");
        if (result.StartsWith(' '))
        {
            result = result[1..];
        }

        if (result.EndsWith(' '))
        {
            result = result[..^1];
        }

        return result;
    }

    public static object? Pad(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var padding = Arg(args, 2) is string { Length: > 0 } p ? p : " ";
        var width = Math.Truncate(Arg(args, 1) as double? ?? double.NaN);
        var padLength = Math.Abs(width) - (Value.CodePointBoundaries(text).Length - 1);
        if (!(padLength > 0))
        {
            return text;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < padLength; i++)
        {
            builder.Append(padding);
        }

        var fill = builder.ToString();
        if (padding.Length > 1)
        {
            fill = Slice(fill, Value.CodePointBoundaries(fill), 0, padLength);
        }

        return width > 0 ? text + fill : fill + text;
    }

    public static object? Join(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray strings)
        {
            return null;
        }

        var separator = Arg(args, 1) as string ?? "";
        return string.Join(separator, strings.Select(s => (string?)s));
    }

    [GeneratedRegex("[ \t\n\r]+")]
    private static partial Regex Whitespace();
}
