using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.States;

/// <summary>Everything a Map state is configured with (inline or distributed).</summary>
internal sealed record MapSettings(
    StatesGraph Processor,
    bool Distributed,
    string ItemsPath,
    JsonNode? ItemSelector,
    long? MaxConcurrency,
    string? MaxConcurrencyPath,
    double? ToleratedFailurePercentage,
    string? ToleratedFailurePercentagePath,
    long? ToleratedFailureCount,
    string? ToleratedFailureCountPath,
    JsonObject? ItemReader,
    JsonObject? ItemBatcher,
    JsonObject? ResultWriter,
    string? Label);
