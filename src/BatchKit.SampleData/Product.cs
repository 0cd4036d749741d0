namespace BatchKit.SampleData;

/// <summary>A catalogue item: the same StockCode always has the same Description and UnitPrice.</summary>
internal sealed record Product(string StockCode, string Description, decimal UnitPrice);
