using System.Globalization;
using System.Text;
using System.Text.Json;
using BatchKit.Sales;

namespace BatchKit.Worker;

/// <summary>
/// The SendTaskSuccess output: the reference pipeline's fields (<c>status</c>, <c>store_number</c>,
/// <c>processing_time</c>, <c>item_transaction_count</c>, <c>total_sales</c>) plus the exact summary. Money is
/// written as decimal strings so no JSON reader turns it into a float.
/// </summary>
internal static class WorkerOutput
{
    private const int MaxErrorsReported = 10;

    public static string Success(string key, StoreSummary summary, TimeSpan elapsed)
    {
        if (!StoreFileName.TryParse(key, out var store, out var number))
        {
            // Not store_<n>.json: report the file name as the store, and no number.
            store = Path.GetFileNameWithoutExtension(key);
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("status", "success");
            w.WriteString("store", store);
            w.WriteString("store_number", number);
            w.WriteString("s3_key", key);
            w.WriteString("processing_time", elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s");
            w.WriteNumber("item_transaction_count", summary.Rows);
            w.WriteString("total_sales", Money.ToDollars(summary.Total));
            w.WriteString("total", Money.ToText(summary.Total));
            w.WriteNumber("invoices", summary.Invoices);
            w.WriteNumber("cancellations", summary.Cancellations);
            w.WriteString("gross_sales", Money.ToText(summary.GrossSales));
            w.WriteString("returns", Money.ToText(summary.Returns));
            w.WriteNumber("customers", summary.Customers);
            WriteTime(w, "first_invoice", summary.FirstInvoice);
            WriteTime(w, "last_invoice", summary.LastInvoice);
            w.WriteNumber("row_errors", summary.RowErrors);
            w.WriteStartArray("errors");
            foreach (var error in summary.Errors.Take(MaxErrorsReported))
            {
                w.WriteStringValue(error.Message);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTime? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
