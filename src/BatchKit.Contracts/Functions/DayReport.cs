using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Functions;

/// <summary>
/// A day's result: what the summary function returns to the workflow (which posts <see cref="SlackText"/> and ends
/// with the report as its output) and writes to <c>reports/&lt;day&gt;/summary.json</c> with <see cref="ByStore"/>.
/// Money is a decimal string.
/// </summary>
public sealed record DayReport
{
    [JsonPropertyName("day")]
    public required string Day { get; init; }

    [JsonPropertyName("bucket")]
    public required string Bucket { get; init; }

    [JsonPropertyName("report_key")]
    public required string ReportKey { get; init; }

    [JsonPropertyName("stores")]
    public int Stores { get; init; }

    [JsonPropertyName("stores_succeeded")]
    public int StoresSucceeded { get; init; }

    [JsonPropertyName("stores_failed")]
    public IReadOnlyList<string> StoresFailed { get; init; } = [];

    [JsonPropertyName("rows")]
    public long Rows { get; init; }

    [JsonPropertyName("total")]
    public required string Total { get; init; }

    [JsonPropertyName("total_sales")]
    public required string TotalSales { get; init; }

    [JsonPropertyName("gross_sales")]
    public required string GrossSales { get; init; }

    [JsonPropertyName("returns")]
    public required string Returns { get; init; }

    [JsonPropertyName("invoices")]
    public long Invoices { get; init; }

    [JsonPropertyName("cancellations")]
    public long Cancellations { get; init; }

    [JsonPropertyName("row_errors")]
    public long RowErrors { get; init; }

    [JsonPropertyName("failures")]
    public IReadOnlyList<StoreFailure> Failures { get; init; } = [];

    /// <summary>The message the workflow posts to Slack.</summary>
    [JsonPropertyName("slack_text")]
    public required string SlackText { get; init; }

    /// <summary>Every store's rows and total: in the report file only.</summary>
    [JsonPropertyName("by_store")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, StoreTotal>? ByStore { get; init; }
}
