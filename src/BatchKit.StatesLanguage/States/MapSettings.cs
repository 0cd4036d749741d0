namespace BatchKit.StatesLanguage.States;

/// <summary>Everything a Map state is configured with (inline or distributed).</summary>
internal sealed record MapSettings(
    StatesGraph Processor,
    bool Distributed,
    string ItemsPath,
    System.Text.Json.Nodes.JsonNode? ItemSelector,
    long? MaxConcurrency,
    string? MaxConcurrencyPath,
    double? ToleratedFailurePercentage,
    string? ToleratedFailurePercentagePath,
    long? ToleratedFailureCount,
    string? ToleratedFailureCountPath,
    ItemReader? ItemReader,
    ItemBatcher? ItemBatcher,
    ResultWriter? ResultWriter,
    string? Label);
