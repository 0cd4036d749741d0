namespace BatchKit.Sales;

/// <summary>
/// Parses the Online Retail InvoiceDate, "DD-MM-YYYY H:mm" with the hour not zero-padded ("01-12-2010 8:45"),
/// straight from UTF-8 bytes, rejecting dates that do not exist (31-02-2010).
/// </summary>
public static class InvoiceDate
{
    public const string Format = "DD-MM-YYYY H:mm";

    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        // Shortest "01-12-2010 8:45" (15 bytes), longest "01-12-2010 18:45" (16 bytes).
        if (text.Length is not (15 or 16) || text[2] != '-' || text[5] != '-' || text[10] != ' ')
        {
            return false;
        }

        var hourLength = text.Length - 14;
        if (text[11 + hourLength] != ':')
        {
            return false;
        }

        if (!TryDigits(text.Slice(0, 2), out var day) || !TryDigits(text.Slice(3, 2), out var month)
            || !TryDigits(text.Slice(6, 4), out var year) || !TryDigits(text.Slice(11, hourLength), out var hour)
            || !TryDigits(text.Slice(12 + hourLength, 2), out var minute))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return true;
    }

    public static bool TryParse(string text, out DateTime value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return TryParse(bytes, out value);
    }

    /// <summary>Formats a time the way the store files write it.</summary>
    public static string ToText(DateTime value) =>
        value.ToString("dd-MM-yyyy H:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
