using System.Text;

namespace BatchKit.Sales.Tests;

/// <summary>Hand-made store files: valid rows by default, with any field replaced by raw JSON text or removed.</summary>
internal static class StoreFileBuilder
{
    public static string Row(
        string invoiceNo = "536370",
        string quantity = "2",
        string unitPrice = "1.50",
        string invoiceDate = "01-12-2010 8:45",
        string customerId = "12583",
        IReadOnlyDictionary<string, string?>? rawOverrides = null)
    {
        var fields = new List<KeyValuePair<string, string?>>
        {
            new("InvoiceNo", Quote(invoiceNo)),
            new("StockCode", Quote("10002")),
            new("Description", Quote("INFLATABLE POLITICAL GLOBE ")),
            new("Quantity", Quote(quantity)),
            new("InvoiceDate", Quote(invoiceDate)),
            new("UnitPrice", Quote(unitPrice)),
            new("CustomerID", Quote(customerId)),
            new("Country", Quote("France")),
        };
        var sb = new StringBuilder("{");
        foreach (var (name, value) in fields)
        {
            var text = rawOverrides is not null && rawOverrides.TryGetValue(name, out var raw) ? raw : value;
            if (text is null)
            {
                continue; // removed
            }

            if (sb.Length > 1)
            {
                sb.Append(", ");
            }

            sb.Append('"').Append(name).Append("\": ").Append(text);
        }

        return sb.Append('}').ToString();
    }

    public static string File(params string[] rows) => "[" + string.Join(",\n", rows) + "\n]";

    public static Task<StoreSummary> Aggregate(string json, RowErrorPolicy policy = RowErrorPolicy.Fail) =>
        SalesAggregator.AggregateAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), new SalesAggregatorOptions { Policy = policy });

    private static string Quote(string s) => "\"" + s + "\"";
}
