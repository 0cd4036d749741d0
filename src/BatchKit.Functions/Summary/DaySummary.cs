using System.Globalization;
using System.Text;
using System.Text.Json;
using BatchKit.Contracts;
using BatchKit.Contracts.Functions;
using BatchKit.Sales;

namespace BatchKit.Functions.Summary;

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
        var result = JsonSerializer.Deserialize(workerOutput, ContractJson.Default.WorkerResult) ?? throw new FormatException("a worker output is null");
        var total = Money.Parse(result.Total);
        if (!_stores.TryAdd(result.Store, new StoreTotals(result.ItemTransactionCount, total)))
        {
            throw new FormatException($"{result.Store} appears twice in the Map's results");
        }

        Rows += result.ItemTransactionCount;
        Total += total;
        GrossSales += Money.Parse(result.GrossSales);
        Returns += Money.Parse(result.Returns);
        Invoices += result.Invoices;
        Cancellations += result.Cancellations;
        RowErrors += result.RowErrors;
    }

    public void AddFailed(string store, string error, string cause) => _failures.Add(new StoreFailure(store, error, cause));

    public string SlackText()
    {
        if (StoreCount == 0)
        {
            return $"BatchKit: no stores in processed/{day}/ (the upload held no store files); nothing to sum.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"BatchKit: sales for {day}: {_stores.Count} of {StoreCount} stores, {Rows} rows, total {Money.ToDollars(Total)}");
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

    /// <summary>The day's report; <paramref name="byStore"/> adds every store's rows and total (the report file).</summary>
    public DayReport Report(string reportKey, bool byStore)
    {
        var failures = _failures.OrderBy(f => f.Store, StringComparer.Ordinal).ToList();
        return new DayReport
        {
            Day = day,
            Bucket = bucket,
            ReportKey = reportKey,
            Stores = StoreCount,
            StoresSucceeded = _stores.Count,
            StoresFailed = [.. failures.Select(f => f.Store)],
            Rows = Rows,
            Total = Money.ToText(Total),
            TotalSales = Money.ToDollars(Total),
            GrossSales = Money.ToText(GrossSales),
            Returns = Money.ToText(Returns),
            Invoices = Invoices,
            Cancellations = Cancellations,
            RowErrors = RowErrors,
            Failures = failures,
            SlackText = SlackText(),
            ByStore = byStore ? _stores.ToDictionary(s => s.Key, s => new StoreTotal(s.Value.Rows, Money.ToText(s.Value.Total)), StringComparer.Ordinal) : null,
        };
    }

    /// <summary>The report as JSON: indented for the report file (with <paramref name="byStore"/>), compact for the workflow.</summary>
    public byte[] ToJson(string reportKey, bool byStore)
    {
        var options = new JsonSerializerOptions(ContractJson.Default.Options) { WriteIndented = byStore };
        return JsonSerializer.SerializeToUtf8Bytes(Report(reportKey, byStore), new ContractJson(options).DayReport);
    }
}
