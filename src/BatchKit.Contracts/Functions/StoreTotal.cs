using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Functions;

/// <summary>One store's line in the report file: its rows and exact total (a decimal string).</summary>
public sealed record StoreTotal(
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("total")] string Total);
