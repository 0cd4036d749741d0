using System.Globalization;
using System.Text;
using System.Text.Json;
using BatchKit.Sales;

namespace BatchKit.UploadHandler.Summary;

/// <summary>
/// A day's result summed from its stores' worker outputs, exactly (decimal from the workers' decimal strings, never
/// through a float), with the stores that failed named. Writes the Slack text and <c>reports/&lt;day&gt;/summary.json</c>.
/// </summary>
internal sealed class DaySummary(string day, string bucket)
{
    private const int FailuresInSlack = 10;
    private const int CauseInSlack = 300;
    private readonly SortedDictionary<string, StoreTotals> _stores = new(StringComparer.Ordinal);
    private readonly List<StoreFailure> _failures = [];

    internal sealed record StoreFailure(string Store, string Error, string Cause);

    public string Day => day;

    public long Rows { get; private set; }

    public decimal Total { get; private set; }

    public decimal GrossSales { get; private set; }

    public decimal Returns { get; private set; }

    public long Invoices { get; private set; }

    public long Cancellations { get; private set; }

    public long RowErrors { get; private set; }

    public IReadOnlyDictionary<string, StoreTotals> Stores => _stores;

    public IReadOnlyList<StoreFailure> Failures => _failures;

    public int StoreCount => _stores.Count + _failures.Count;

    /// <summary>Adds a store from the worker's SendTaskSuccess output (the JSON text the Map recorded).</summary>
    public void AddSucceeded(string workerOutput)
    {
        using var document = JsonDocument.Parse(workerOutput);
        var o = document.RootElement;
        var store = o.GetProperty("store").GetString() ?? throw new FormatException("a worker output has no store");
        var total = Money.Parse(o.GetProperty("total").GetString() ?? throw new FormatException($"{store}: no total"));
        var rows = o.GetProperty("item_transaction_count").GetInt64();
        if (!_stores.TryAdd(store, new StoreTotals(rows, total)))
        {
            throw new FormatException($"{store} appears twice in the Map's results");
        }

        Rows += rows;
        Total += total;
        GrossSales += Decimal(o, "gross_sales");
        Returns += Decimal(o, "returns");
        Invoices += Integer(o, "invoices");
        Cancellations += Integer(o, "cancellations");
        RowErrors += Integer(o, "row_errors");
    }

    public void AddFailed(string store, string error, string cause) => _failures.Add(new StoreFailure(store, error, cause));

    public string SlackText()
    {
        if (StoreCount == 0)
        {
            return $"BatchKit: no stores in processed/{day}/ (the upload held no store files); nothing to sum.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"BatchKit: sales for {day}: {_stores.Count} of {StoreCount} stores, {Rows} rows, total {Money.ToDollars(Total)}");
        if (_failures.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{_failures.Count} stores failed (not in the total):");
            foreach (var failure in _failures.OrderBy(f => f.Store, StringComparer.Ordinal).Take(FailuresInSlack))
            {
                var cause = failure.Cause.Length > CauseInSlack ? failure.Cause[..CauseInSlack] + "…" : failure.Cause;
                text.Append(CultureInfo.InvariantCulture, $"\n• {failure.Store}: {failure.Error}: {cause}");
            }

            if (_failures.Count > FailuresInSlack)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n… and {_failures.Count - FailuresInSlack} more (see reports/{day}/summary.json)");
            }
        }

        return text.ToString();
    }

    /// <summary>The summary as JSON; <paramref name="byStore"/> adds every store's rows and total (the report file).</summary>
    public byte[] ToJson(string reportKey, bool byStore)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = byStore }))
        {
            w.WriteStartObject();
            w.WriteString("day", day);
            w.WriteString("bucket", bucket);
            w.WriteString("report_key", reportKey);
            w.WriteNumber("stores", StoreCount);
            w.WriteNumber("stores_succeeded", _stores.Count);
            w.WriteStartArray("stores_failed");
            foreach (var failure in _failures.OrderBy(f => f.Store, StringComparer.Ordinal))
            {
                w.WriteStringValue(failure.Store);
            }

            w.WriteEndArray();
            w.WriteNumber("rows", Rows);
            w.WriteString("total", Money.ToText(Total));
            w.WriteString("total_sales", Money.ToDollars(Total));
            w.WriteString("gross_sales", Money.ToText(GrossSales));
            w.WriteString("returns", Money.ToText(Returns));
            w.WriteNumber("invoices", Invoices);
            w.WriteNumber("cancellations", Cancellations);
            w.WriteNumber("row_errors", RowErrors);
            w.WriteStartArray("failures");
            foreach (var failure in _failures.OrderBy(f => f.Store, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("store", failure.Store);
                w.WriteString("error", failure.Error);
                w.WriteString("cause", failure.Cause);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("slack_text", SlackText());
            if (byStore)
            {
                w.WriteStartObject("by_store");
                foreach (var (store, totals) in _stores)
                {
                    w.WriteStartObject(store);
                    w.WriteNumber("rows", totals.Rows);
                    w.WriteString("total", Money.ToText(totals.Total));
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static decimal Decimal(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) && value.GetString() is { } text ? Money.Parse(text) : 0m;

    private static long Integer(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
