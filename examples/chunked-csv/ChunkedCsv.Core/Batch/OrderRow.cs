using System.Globalization;
using System.Text.RegularExpressions;

namespace ChunkedCsv.Batch;

/// <summary>
/// One order line of the uploaded CSV (<c>order_id,product_id,quantity</c>) and the rules a row must meet. A row that
/// breaks one is not an error of the run: its line and reason go to the errors table and the others are processed.
/// Values hold no commas or quotes (the file is split on commas, as the sample's producer writes it).
/// </summary>
public sealed partial record OrderRow(int Line, string OrderId, string ProductId, int Quantity)
{
    public const string Header = "order_id,product_id,quantity";
    public const int MaxQuantity = 1_000_000;

    /// <summary>The row on <paramref name="line"/>, or the reason it is invalid (the first rule it breaks).</summary>
    public static (OrderRow? Row, string? Reason) Parse(int line, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            return (null, "the row is empty");
        }

        if (text.Contains('"', StringComparison.Ordinal))
        {
            return (null, "quoted values are not supported");
        }

        var fields = text.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 3)
        {
            return (null, $"expected 3 fields ({Header}), found {fields.Length}");
        }

        var quantityProblem = QuantityProblem(fields[2], out var quantity);
        var reason = IdProblem("order_id", fields[0]) ?? IdProblem("product_id", fields[1]) ?? quantityProblem;
        return reason is null ? (new OrderRow(line, fields[0], fields[1], quantity), null) : (null, reason);
    }

    private static string? IdProblem(string name, string value) =>
        value.Length == 0 ? $"{name} is empty"
        : Identifier().IsMatch(value) ? null
        : $"{name} '{value}' is not 1 to 64 letters, digits, '-' or '_'";

    private static string? QuantityProblem(string value, out int quantity) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out quantity) && quantity is >= 1 and <= MaxQuantity
            ? null
            : $"quantity '{value}' is not a whole number from 1 to {MaxQuantity}";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Identifier();
}
