using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Functions;

/// <summary>A store the Map could not sum, with the error and cause of its task (not in the day's total).</summary>
public sealed record StoreFailure(
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("cause")] string Cause);
