using System.Text;
using BatchKit.Sales;

namespace BatchKit.SampleData;

/// <summary>
/// Writes a store file byte for byte in the real files' layout: <c>[</c>, one row object per line joined by
/// <c>,\n</c>, then <c>\n]</c>; <c>"Key": "value"</c> pairs separated by ", "; non-ASCII escaped as \uXXXX
/// (the layout of Python's json.dumps, which produced the reference data).
/// Bad rows are written as raw JSON fragments, so the writer can produce exactly the faults it was asked for.
/// </summary>
internal sealed class StoreFileWriter : IDisposable
{
    private readonly StreamWriter _out;
    private bool _first = true;

    public StoreFileWriter(Stream stream)
    {
        _out = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        _out.Write('[');
    }

    public void WriteRow(SalesRow row) => WriteRaw(Format(row));

    /// <summary>Writes one array element as given (a row object, or something that is deliberately not one).</summary>
    public void WriteRaw(string element)
    {
        if (!_first)
        {
            _out.Write(",\n");
        }

        _first = false;
        _out.Write(element);
    }

    /// <summary>Ends the array. A file meant to be malformed is simply never completed.</summary>
    public void Complete() => _out.Write("\n]");

    public void Dispose() => _out.Dispose();

    public static string Format(SalesRow row) => Format(
    [
        new("InvoiceNo", Quote(row.InvoiceNo)),
        new("StockCode", Quote(row.StockCode)),
        new("Description", Quote(row.Description)),
        new("Quantity", Quote(row.Quantity)),
        new("InvoiceDate", Quote(row.InvoiceDate)),
        new("UnitPrice", Quote(row.UnitPrice)),
        new("CustomerID", Quote(row.CustomerID)),
        new("Country", Quote(row.Country)),
    ]);

    /// <summary>Formats name/raw-JSON pairs as one row object.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> fields) =>
        "{" + string.Join(", ", fields.Select(f => Quote(f.Key) + ": " + f.Value)) + "}";

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or > '~': sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }
}
