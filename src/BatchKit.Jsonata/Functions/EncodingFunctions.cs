using System.Globalization;
using System.Text;
using BatchKit.Jsonata.Evaluation;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// $base64encode/decode (Node's Buffer with the 'binary' encoding: one byte per UTF-16 unit) and the URL functions,
/// which are JavaScript's encodeURI(Component) and decodeURI(Component) (https://tc39.es/ecma262/#sec-uri-handling-functions).
/// </summary>
internal static class EncodingFunctions
{
    private const string Unreserved = "-_.!~*'()";
    private const string Reserved = ";/?:@&=+$,#";

    public static object? Base64Encode(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        return Convert.ToBase64String(bytes);
    }

    public static object? Base64Decode(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        // Node is lenient: it skips characters outside the alphabet, accepts the URL-safe one, needs no padding.
        var clean = new StringBuilder();
        foreach (var c in text)
        {
            if (c == '=')
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            {
                clean.Append(c);
            }
            else if (c is '-' or '_')
            {
                clean.Append(c == '-' ? '+' : '/');
            }
        }

        if (clean.Length % 4 == 1)
        {
            clean.Length--;
        }

        while (clean.Length % 4 != 0)
        {
            clean.Append('=');
        }

        var bytes = Convert.FromBase64String(clean.ToString());
        var result = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            result.Append((char)b);
        }

        return result.ToString();
    }

    public static object? EncodeUrlComponent(NativeCall call, object?[] args) => Encode(args, Unreserved, "encodeUrlComponent");

    public static object? EncodeUrl(NativeCall call, object?[] args) => Encode(args, Unreserved + Reserved, "encodeUrl");

    public static object? DecodeUrlComponent(NativeCall call, object?[] args) => Decode(args, "", "decodeUrlComponent");

    public static object? DecodeUrl(NativeCall call, object?[] args) => Decode(args, Reserved, "decodeUrl");

    private static string? Encode(object?[] args, string keep, string name)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || keep.Contains(c, StringComparison.Ordinal))
            {
                result.Append(c);
                continue;
            }

            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                throw new JsonataException("D3140") { Value = text, FunctionName = name };
            }

            foreach (var b in Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint)))
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    private static string? Decode(object?[] args, string reserved, string name)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                result.Append(text[i]);
                continue;
            }

            var start = i;
            var first = HexByte(text, i) ?? throw Malformed(text, name);
            i += 2;
            if (first < 0x80)
            {
                var c = (char)first;
                result.Append(reserved.Contains(c, StringComparison.Ordinal) ? text.Substring(start, 3) : c.ToString());
                continue;
            }

            var length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : throw Malformed(text, name);
            var bytes = new byte[length];
            bytes[0] = (byte)first;
            for (var k = 1; k < length; k++)
            {
                i++;
                if (i >= text.Length || text[i] != '%')
                {
                    throw Malformed(text, name);
                }

                bytes[k] = (byte)(HexByte(text, i) ?? throw Malformed(text, name));
                i += 2;
            }

            result.Append(DecodeUtf8(bytes) ?? throw Malformed(text, name));
        }

        return result.ToString();
    }

    private static int? HexByte(string text, int percent)
    {
        if (percent + 2 >= text.Length)
        {
            return null;
        }

        return int.TryParse(text.AsSpan(percent + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static string? DecodeUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static JsonataException Malformed(string text, string name) => new("D3140") { Value = text, FunctionName = name };
}
