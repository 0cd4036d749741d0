using System.Globalization;
using System.Text.Json;
using BatchKit.Contracts;
using BatchKit.Contracts.Worker;
using BatchKit.Sales;

namespace BatchKit.Worker;

/// <summary>The SendTaskSuccess output for a store: its <see cref="WorkerResult"/> as JSON (the contract the summary reads).</summary>
internal static class WorkerOutput
{
    private const int MaxErrorsReported = 10;

    public static WorkerResult Result(string key, StoreSummary summary, TimeSpan elapsed)
    {
        if (!StoreFileName.TryParse(key, out var store, out var number))
        {
            // Not store_<n>.json: report the file name as the store, and no number.
            store = Path.GetFileNameWithoutExtension(key);
        }

        return new WorkerResult
        {
            Store = store,
            StoreNumber = number,
            S3Key = key,
            ProcessingTime = elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s",
            ItemTransactionCount = summary.Rows,
            TotalSales = Money.ToDollars(summary.Total),
            Total = Money.ToText(summary.Total),
            Invoices = summary.Invoices,
            Cancellations = summary.Cancellations,
            GrossSales = Money.ToText(summary.GrossSales),
            Returns = Money.ToText(summary.Returns),
            Customers = summary.Customers,
            FirstInvoice = Time(summary.FirstInvoice),
            LastInvoice = Time(summary.LastInvoice),
            RowErrors = summary.RowErrors,
            Errors = [.. summary.Errors.Take(MaxErrorsReported).Select(e => e.Message)],
        };
    }

    public static string Success(string key, StoreSummary summary, TimeSpan elapsed) =>
        JsonSerializer.Serialize(Result(key, summary, elapsed), ContractJson.Default.WorkerResult);

    private static string? Time(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
