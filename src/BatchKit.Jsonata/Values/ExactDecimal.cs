using System.Globalization;
using System.Numerics;

namespace BatchKit.Jsonata.Values;

/// <summary>
/// Decimal rounding of a double's exact binary value, halves away from zero, as JavaScript's toFixed and
/// toPrecision do (https://tc39.es/ecma262/#sec-number.prototype.tofixed). .NET's formatting rounds exact halves to
/// even (172254196403041.0625 to three places: .062, where JavaScript prints .063).
/// </summary>
internal static class ExactDecimal
{
    /// <summary>round(|value| × 10^scale), halves up, exactly.</summary>
    public static BigInteger Scaled(double value, int scale)
    {
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075; // |value| = mantissa × 2^exponent
        BigInteger numerator = mantissa;
        var denominator = BigInteger.One;
        if (exponent > 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        if (scale >= 0)
        {
            numerator *= BigInteger.Pow(10, scale);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -scale);
        }

        return ((2 * numerator) + denominator) / (2 * denominator);
    }

    /// <summary>Number.prototype.toFixed(places) of a finite number below 1e21.</summary>
    public static string ToFixed(double value, int places)
    {
        var digits = Scaled(value, places).ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        var text = places == 0 ? digits : digits[..^places] + "." + digits[^places..];
        return value < 0 ? "-" + text : text;
    }

    /// <summary>Number.prototype.toPrecision(precision) read back as a number.</summary>
    public static double ToPrecision(double value, int precision)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var lower = BigInteger.Pow(10, precision - 1);
        var upper = lower * 10;
        var scaled = Scaled(value, precision - 1 - exponent);
        if (scaled >= upper)
        {
            exponent++;
            scaled = Scaled(value, precision - 1 - exponent);
        }
        else if (scaled < lower)
        {
            exponent--;
            scaled = Scaled(value, precision - 1 - exponent);
        }

        var text = (value < 0 ? "-" : "") + scaled.ToString(CultureInfo.InvariantCulture) + "E"
            + (exponent - precision + 1).ToString(CultureInfo.InvariantCulture);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
