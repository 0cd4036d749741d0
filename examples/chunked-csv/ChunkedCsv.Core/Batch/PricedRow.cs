using System.Globalization;

namespace ChunkedCsv.Batch;

/// <summary>
/// A valid row enriched with its product's unit price: <c>total = quantity × unit_price</c>, an exact decimal rounded
/// half-even to cents once. The output CSV is <see cref="Header"/>; the unit price is written with at least two decimals
/// (<c>12.50</c>), whatever trailing zeros DynamoDB's number normalization dropped.
/// </summary>
public sealed record PricedRow(int Line, string OrderId, string ProductId, int Quantity, decimal UnitPrice)
{
    public const string Header = "order_id,product_id,quantity,unit_price,total";

    public decimal Total => Math.Round(Quantity * UnitPrice, 2, MidpointRounding.ToEven);

    public string ToCsv() => string.Join(
        ',', OrderId, ProductId, Quantity.ToString(CultureInfo.InvariantCulture), UnitPrice.ToString("0.00##########", CultureInfo.InvariantCulture),
        Total.ToString("0.00", CultureInfo.InvariantCulture));

    /// <summary>A DynamoDB number's text (<c>12.5</c>, <c>1E+2</c>) as a decimal.</summary>
    public static decimal ParsePrice(string text) =>
        decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
