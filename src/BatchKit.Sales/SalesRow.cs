namespace BatchKit.Sales;

/// <summary>
/// One line item of the "Online Retail" schema, every value a string exactly as the store files carry it
/// (see ../shared/data/online-retail/README.md). Used to write files; the aggregator never materialises rows.
/// </summary>
public sealed record SalesRow(
    string InvoiceNo,
    string StockCode,
    string Description,
    string Quantity,
    string InvoiceDate,
    string UnitPrice,
    string CustomerID,
    string Country);
