using System.Buffers.Text;

namespace BatchKit.Sales;

/// <summary>
/// Parses a plain decimal number ("2.95", "-1.5", "18") from UTF-8 exactly. The common short form is read
/// digit by digit into a 64-bit mantissa and a scale (the hot path of aggregation); anything longer goes through
/// <see cref="Utf8Parser"/>. Exponents, thousands separators and blanks are refused.
/// </summary>
internal static class DecimalText
{
    /// <summary>Prices with at most this many decimals also come out as an integer count of 10^-4 units.</summary>
    public const int FixedScale = 4;

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000];

    /// <param name="fixedUnits">The value in ten-thousandths when it has at most <see cref="FixedScale"/> decimals and 18 digits, else -1.</param>
    public static bool TryParse(ReadOnlySpan<byte> text, out decimal value, out long fixedUnits)
    {
        fixedUnits = -1;
        var negative = !text.IsEmpty && text[0] == '-';
        var digits = negative || (!text.IsEmpty && text[0] == '+') ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return SlowPath(text, out value);
        }

        long mantissa = 0;
        var scale = -1;
        var sawDigit = false;
        foreach (var b in digits)
        {
            if (b == '.' && scale < 0)
            {
                scale = 0;
                continue;
            }

            if (b is < (byte)'0' or > (byte)'9')
            {
                value = default;
                return false;
            }

            sawDigit = true;
            mantissa = (mantissa * 10) + (b - '0');
            if (scale >= 0)
            {
                scale++;
            }
        }

        if (!sawDigit)
        {
            value = default;
            return false;
        }

        scale = Math.Max(scale, 0);
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
        if (scale <= FixedScale && mantissa < 100_000_000_000_000)
        {
            fixedUnits = (negative ? -mantissa : mantissa) * PowersOfTen[FixedScale - scale];
        }

        return true;
    }

    private static bool SlowPath(ReadOnlySpan<byte> text, out decimal value) =>
        Utf8Parser.TryParse(text, out value, out var used, 'F') && used == text.Length && !text.IsEmpty;
}
