using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>The numeric functions (https://docs.jsonata.org/numeric-functions), with JavaScript's Math semantics.</summary>
internal static partial class NumericFunctions
{
    public static object? Number(NativeCall call, object?[] args)
    {
        switch (Arg(args, 0))
        {
            case null:
                return null;
            case double d:
                return d;
            case true:
                return 1.0;
            case false:
                return 0.0;
            case string s when DecimalNumber().IsMatch(s)
                && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed):
                return parsed;
            case string s when PrefixedNumber().IsMatch(s):
                return ParsePrefixed(s);
            case var other:
                throw new JsonataException("D3030") { Value = other, Index = 1 };
        }
    }

    /// <summary>JavaScript's Number("0x1F"), Number("0o17"), Number("0b101"); NaN when the rest is not all digits.</summary>
    private static double ParsePrefixed(string text)
    {
        var radix = char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
        var value = BigInteger.Zero;
        foreach (var c in text.AsSpan(2))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return double.NaN;
            }

            value = (value * radix) + digit;
        }

        return (double)value;
    }

    public static object? Abs(NativeCall call, object?[] args) => Arg(args, 0) is double d ? Math.Abs(d) : null;

    public static object? Floor(NativeCall call, object?[] args) => Arg(args, 0) is double d ? Math.Floor(d) : null;

    public static object? Ceil(NativeCall call, object?[] args) => Arg(args, 0) is double d ? Math.Ceiling(d) : null;

    public static object? Round(NativeCall call, object?[] args) =>
        Arg(args, 0) is double d ? RoundHalfEven(d, Arg(args, 1) as double?) : null;

    /// <summary>
    /// Half to even at <paramref name="precision"/> decimal places. The decimal point is shifted in the number's
    /// text, not by multiplying, so binary rounding errors cannot tip the result (as the reference does).
    /// </summary>
    public static double RoundHalfEven(double value, double? precision)
    {
        var shift = precision is { } p && p != 0 && !double.IsNaN(p) ? p : 0;
        if (shift != 0)
        {
            value = Shift(value, shift);
        }

        var result = JsRound(value);
        var diff = result - value;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1)
        {
            result -= 1;
        }

        if (shift != 0)
        {
            result = Shift(result, -shift);
        }

        return result == 0 ? 0 : result;
    }

    /// <summary>Math.round: the nearest integer, halves toward +infinity.</summary>
    public static double JsRound(double value)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        var floor = Math.Floor(value);
        return value - floor >= 0.5 ? floor + 1 : floor;
    }

    private static double Shift(double value, double places)
    {
        var text = JsNumber.ToString(value);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? places : double.Parse(text[(e + 1)..], CultureInfo.InvariantCulture) + places;
        var shifted = mantissa + "e" + JsNumber.ToString(exponent);
        return double.TryParse(shifted, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : double.NaN;
    }

    public static object? Sqrt(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not double d)
        {
            return null;
        }

        if (d < 0)
        {
            throw new JsonataException("D3060") { Value = d, Index = 1 };
        }

        return Math.Sqrt(d);
    }

    public static object? Power(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not double value)
        {
            return null;
        }

        var exponent = Arg(args, 1) as double? ?? double.NaN;
        var result = JsPow(value, exponent);
        if (!double.IsFinite(result))
        {
            throw new JsonataException("D3061") { Value = value, Exponent = exponent, Index = 1 };
        }

        return result;
    }

    /// <summary>Math.pow: as Math.Pow except that 1 and -1 to an infinite or NaN power are NaN.</summary>
    private static double JsPow(double value, double exponent) =>
        Math.Abs(value) == 1 && !double.IsFinite(exponent) ? double.NaN : Math.Pow(value, exponent);

    public static object? Random(NativeCall call, object?[] args) => System.Random.Shared.NextDouble();

    public static object? FormatBase(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not double d)
        {
            return null;
        }

        var value = RoundHalfEven(d, null);
        var radix = Arg(args, 1) is double r ? RoundHalfEven(r, null) : 10;
        if (radix is < 2 or > 36)
        {
            throw new JsonataException("D3100") { Value = radix };
        }

        return ToRadix(value, (int)radix);
    }

    /// <summary>
    /// Number.prototype.toString(radix) for an integer, as V8 computes it: digits beyond a double's precision
    /// (above 2^53) are zeros (https://github.com/v8/v8/blob/main/src/numbers/conversions.cc, DoubleToRadixCString).
    /// </summary>
    private static string ToRadix(double value, int radix)
    {
        if (radix == 10 || !double.IsFinite(value))
        {
            return JsNumber.ToString(value);
        }

        var integer = Math.Abs(value);
        var digits = new StringBuilder();
        while (integer / radix >= 9007199254740992.0)
        {
            integer /= radix;
            digits.Insert(0, '0');
        }

        do
        {
            var remainder = integer % radix;
            digits.Insert(0, (char)(remainder < 10 ? '0' + (int)remainder : 'a' + (int)remainder - 10));
            integer = (integer - remainder) / radix;
        }
        while (integer > 0);

        return value < 0 ? "-" + digits : digits.ToString();
    }

    [GeneratedRegex("^-?[0-9]+(\\.[0-9]+)?([Ee][-+]?[0-9]+)?$")]
    private static partial Regex DecimalNumber();

    // The reference's pattern, whose alternatives are anchored only at one end each.
    [GeneratedRegex("^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$")]
    private static partial Regex PrefixedNumber();
}
