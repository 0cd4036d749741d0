using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Worker;

/// <summary>
/// The worker's SendTaskSuccess output for one store: the reference pipeline's fields (<c>status</c>,
/// <c>store_number</c>, <c>processing_time</c>, <c>item_transaction_count</c>, <c>total_sales</c>) plus the exact
/// summary. Money is a decimal string ("5949.11") so no JSON reader turns it into a float.
/// </summary>
public sealed record WorkerResult
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = "success";

    /// <summary><c>store_1001</c>, or the file name when it is not a store file.</summary>
    [JsonPropertyName("store")]
    public required string Store { get; init; }

    [JsonPropertyName("store_number")]
    public string? StoreNumber { get; init; }

    [JsonPropertyName("s3_key")]
    public required string S3Key { get; init; }

    /// <summary>"1.25s".</summary>
    [JsonPropertyName("processing_time")]
    public required string ProcessingTime { get; init; }

    [JsonPropertyName("item_transaction_count")]
    public long ItemTransactionCount { get; init; }

    /// <summary>"$5949.11".</summary>
    [JsonPropertyName("total_sales")]
    public required string TotalSales { get; init; }

    [JsonPropertyName("total")]
    public required string Total { get; init; }

    [JsonPropertyName("invoices")]
    public long Invoices { get; init; }

    [JsonPropertyName("cancellations")]
    public long Cancellations { get; init; }

    [JsonPropertyName("gross_sales")]
    public required string GrossSales { get; init; }

    [JsonPropertyName("returns")]
    public required string Returns { get; init; }

    [JsonPropertyName("customers")]
    public long Customers { get; init; }

    /// <summary>yyyy-MM-ddTHH:mm:ss, or null for a store without rows.</summary>
    [JsonPropertyName("first_invoice")]
    public string? FirstInvoice { get; init; }

    [JsonPropertyName("last_invoice")]
    public string? LastInvoice { get; init; }

    [JsonPropertyName("row_errors")]
    public long RowErrors { get; init; }

    /// <summary>The first row errors (quarantine policy), for the report.</summary>
    [JsonPropertyName("errors")]
    public IReadOnlyList<string> Errors { get; init; } = [];
}
