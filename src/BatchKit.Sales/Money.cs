using System.Globalization;

namespace BatchKit.Sales;

/// <summary>The one place money is rounded and formatted: half-even to cents, invariant culture.</summary>
public static class Money
{
    public static decimal RoundToCents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.ToEven);

    /// <summary>"5949.11": two decimals, no thousands separator, as the expected-totals files write it.</summary>
    public static string ToText(decimal amount) => RoundToCents(amount).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"$5949.11": the reference pipeline's <c>total_sales</c> field.</summary>
    public static string ToDollars(decimal amount) => "$" + ToText(amount);

    public static decimal Parse(string text) =>
        decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
