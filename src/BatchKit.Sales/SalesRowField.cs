namespace BatchKit.Sales;

/// <summary>The eight fields of a row, in the order the store files write them.</summary>
public enum SalesRowField
{
    InvoiceNo,
    StockCode,
    Description,
    Quantity,
    InvoiceDate,
    UnitPrice,
    CustomerID,
    Country,
}
