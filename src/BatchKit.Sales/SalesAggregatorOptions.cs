namespace BatchKit.Sales;

/// <summary>How <see cref="SalesAggregator"/> treats bad rows.</summary>
public sealed record SalesAggregatorOptions
{
    public static SalesAggregatorOptions Default { get; } = new();

    public RowErrorPolicy Policy { get; init; } = RowErrorPolicy.Fail;

    /// <summary>How many row errors a quarantining summary keeps word for word; the rest are only counted.</summary>
    public int MaxErrorsKept { get; init; } = 100;
}
