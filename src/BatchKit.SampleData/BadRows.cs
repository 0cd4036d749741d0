using Bogus;
using BatchKit.Sales;

namespace BatchKit.SampleData;

/// <summary>Turns a valid row into a bad one of the requested kind, as raw JSON text.</summary>
internal static class BadRows
{
    public static string Make(BadRowKind kind, SalesRow row, Randomizer random)
    {
        var fields = Fields(row);
        switch (kind)
        {
            case BadRowKind.NonNumericQuantity:
                fields["Quantity"] = StoreFileWriter.Quote(random.ArrayElement(["twelve", "1.5", "", "12 units"]));
                break;
            case BadRowKind.NonNumericUnitPrice:
                fields["UnitPrice"] = StoreFileWriter.Quote(random.ArrayElement(["N/A", "£2.95", "2,95", ""]));
                break;
            case BadRowKind.NegativeUnitPrice:
                fields["UnitPrice"] = StoreFileWriter.Quote("-" + row.UnitPrice);
                break;
            case BadRowKind.BadInvoiceDate:
                fields["InvoiceDate"] = StoreFileWriter.Quote(random.ArrayElement(["2010-12-01 08:45", "31-11-2010 8:45", "yesterday"]));
                break;
            case BadRowKind.MissingField:
                fields.Remove(random.ArrayElement(["Quantity", "UnitPrice", "InvoiceDate", "Country"]));
                break;
            case BadRowKind.WrongJsonType:
                fields["Quantity"] = row.Quantity; // a JSON number, not a string
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a row kind");
        }

        return StoreFileWriter.Format(fields);
    }

    private static Dictionary<string, string> Fields(SalesRow row) => new()
    {
        ["InvoiceNo"] = StoreFileWriter.Quote(row.InvoiceNo),
        ["StockCode"] = StoreFileWriter.Quote(row.StockCode),
        ["Description"] = StoreFileWriter.Quote(row.Description),
        ["Quantity"] = StoreFileWriter.Quote(row.Quantity),
        ["InvoiceDate"] = StoreFileWriter.Quote(row.InvoiceDate),
        ["UnitPrice"] = StoreFileWriter.Quote(row.UnitPrice),
        ["CustomerID"] = StoreFileWriter.Quote(row.CustomerID),
        ["Country"] = StoreFileWriter.Quote(row.Country),
    };
}
