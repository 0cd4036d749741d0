using System.Globalization;
using System.Text;

namespace BatchKit.Jsonata.Values;

/// <summary>
/// Numbers are IEEE doubles, printed as JavaScript prints them (Number::toString,
/// https://tc39.es/ecma262/#sec-numeric-types-number-tostring): shortest round-trip digits, plain notation from
/// 1e-7 up to 1e21, exponent notation (<c>1e+21</c>, <c>1.5e-7</c>) outside it.
/// </summary>
internal static class JsNumber
{
    private const double MaxSafeInteger = 9007199254740991;

    public static string ToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        if (value < 0)
        {
            return "-" + ToString(-value);
        }

        if (value < MaxSafeInteger && value == Math.Floor(value))
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        var (digits, pointPosition) = ShortestDigits(value);
        return Layout(digits, pointPosition);
    }

    /// <summary>Number.prototype.toPrecision(precision) read back as a number: <c>$string</c> prints 15 significant digits.</summary>
    public static double ToPrecision(double value, int precision) => ExactDecimal.ToPrecision(value, precision);

    /// <summary>Whether the number is an integer (JavaScript's Number.isInteger).</summary>
    public static bool IsInteger(double value) => !double.IsInfinity(value) && value == Math.Floor(value);

    /// <summary>The shortest digits that read back as <paramref name="value"/>, and where the decimal point goes.</summary>
    private static (string Digits, int PointPosition) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? text[..dot] : text;
        var digits = dot >= 0 ? integerPart + text[(dot + 1)..] : integerPart;
        var point = integerPart.Length + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, point - leading);
    }

    private static string Layout(string digits, int n)
    {
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (n > 0 && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (n > -6 && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var builder = new StringBuilder().Append(digits[0]);
        if (k > 1)
        {
            builder.Append('.').Append(digits, 1, k - 1);
        }

        return builder.Append('e').Append(exponent < 0 ? '-' : '+')
            .Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
