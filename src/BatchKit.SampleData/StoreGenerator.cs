using System.Globalization;
using Bogus;
using BatchKit.Sales;

namespace BatchKit.SampleData;

/// <summary>
/// Makes one store's day: invoices of several lines through the opening hours, customers (about a third
/// anonymous, as in the real data), cancellations at the configured rate, and any requested faults. Totals are
/// computed here from the values generated, independently of the aggregator that will later read the file.
/// </summary>
internal sealed class StoreGenerator
{
    private static readonly int[] Quantities = [1, 2, 3, 4, 6, 8, 10, 12, 24, 36, 48, 72, 96];
    private static readonly float[] QuantityWeights = [20, 14, 8, 8, 10, 4, 4, 14, 8, 2, 4, 2, 2];
    private static readonly string[] Countries = ["France", "Germany", "EIRE", "Netherlands", "Spain", "Australia", "Norway", "Switzerland"];

    private readonly GeneratorOptions _options;
    private readonly Randomizer _random;
    private readonly Product[] _products = ProductCatalogue.Instance.Products;
    private readonly BadRowKind[] _rowKinds;
    private readonly BadRowKind[] _fileKinds;
    private readonly int _storeNumber;

    public StoreGenerator(GeneratorOptions options, int storeIndex)
    {
        _options = options;
        _storeNumber = options.FirstStoreNumber + storeIndex;
        // Each store has its own stream of randomness, so store N is the same whatever the store count.
        _random = new Randomizer(unchecked((options.Seed * 7919) + (storeIndex * 104729) + 17));
        _rowKinds = options.BadRowKinds.Where(k => !k.IsFileKind()).Distinct().ToArray();
        _fileKinds = options.BadRowKinds.Where(k => k.IsFileKind()).Distinct().ToArray();
    }

    public string FileName => StoreFileName.ForNumber(_storeNumber);

    public StoreTotals Write(Stream output)
    {
        var rows = _random.Number(_options.RowsMin, _options.RowsMax);
        BadRowKind? fileFault = _fileKinds.Length > 0 && _random.Double() < _options.BadRowRate ? _random.ArrayElement(_fileKinds) : null;

        if (fileFault == BadRowKind.NotAnArray)
        {
            // The whole file is an object wrapping the rows: a common export mistake.
            output.Write("{\"store\": \"store_"u8);
            output.Write(System.Text.Encoding.ASCII.GetBytes(_storeNumber.ToString(CultureInfo.InvariantCulture)));
            output.Write("\", \"rows\": "u8);
        }

        using var writer = new StoreFileWriter(output);

        long valid = 0, bad = 0;
        decimal total = 0;
        var written = 0;
        var sequence = 0;
        while (written < rows)
        {
            sequence++;
            var cancelled = _random.Double() < _options.ReturnRate;
            var invoiceNo = InvoiceNumber(cancelled, sequence);
            var time = TimeOfDay(written, rows);
            var (customer, country) = Customer();
            var lines = Math.Min(rows - written, cancelled ? _random.Number(1, 3) : _random.Number(1, 24));
            for (var line = 0; line < lines; line++, written++)
            {
                var product = _random.ArrayElement(_products);
                var quantity = cancelled ? -_random.Number(1, 12) : _random.WeightedRandom(Quantities, QuantityWeights);
                var row = new SalesRow(invoiceNo, product.StockCode, product.Description, Text(quantity), time, Text(product.UnitPrice), customer, country);
                if (_rowKinds.Length > 0 && _random.Double() < _options.BadRowRate)
                {
                    writer.WriteRaw(BadRows.Make(_random.ArrayElement(_rowKinds), row, _random));
                    bad++;
                    continue;
                }

                writer.WriteRow(row);
                valid++;
                total += quantity * product.UnitPrice;
            }
        }

        return Finish(writer, output, fileFault, new StoreTotals(valid, Money.RoundToCents(total)) { BadRows = bad });
    }

    /// <summary>The store number and a five-digit sequence; a cancellation's starts with C.</summary>
    private string InvoiceNumber(bool cancelled, int sequence) =>
        (cancelled ? "C" : "") + _storeNumber.ToString(CultureInfo.InvariantCulture) + sequence.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Closes the file as its fault demands: cut off mid-row, the object wrapper closed, or a complete array.</summary>
    private StoreTotals Finish(StoreFileWriter writer, Stream output, BadRowKind? fileFault, StoreTotals totals)
    {
        switch (fileFault)
        {
            case BadRowKind.MalformedJson:
                writer.WriteRaw("{\"InvoiceNo\": \"" + _storeNumber.ToString(CultureInfo.InvariantCulture));
                return new StoreTotals(0, 0m) { FileError = nameof(BadRowKind.MalformedJson) };
            case BadRowKind.NotAnArray:
                writer.Complete();
                writer.Dispose();
                output.Write("}"u8);
                return new StoreTotals(0, 0m) { FileError = nameof(BadRowKind.NotAnArray) };
            default:
                writer.Complete();
                return totals;
        }
    }

    private string TimeOfDay(int rowsSoFar, int rows)
    {
        // Invoices move through the opening hours, 07:00 to 19:59, in order, as a till's would.
        var minute = 7 * 60 + (int)((long)rowsSoFar * (13 * 60 - 1) / Math.Max(rows, 1));
        var date = _options.Date.ToDateTime(new TimeOnly(minute / 60, minute % 60));
        return InvoiceDate.ToText(date);
    }

    private (string CustomerId, string Country) Customer()
    {
        if (_random.Double() < 0.31)
        {
            return ("", "United Kingdom");
        }

        var id = _random.Number(12346, 18287);
        var country = id % 10 < 8 ? "United Kingdom" : Countries[id % Countries.Length];
        return (id.ToString(CultureInfo.InvariantCulture), country);
    }

    private static string Text(int quantity) => quantity.ToString(CultureInfo.InvariantCulture);

    private static string Text(decimal price) => price.ToString("0.##", CultureInfo.InvariantCulture);
}
