using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Everything a Map state is configured with (inline or distributed). JSONPath reads items with ItemsPath and
/// limits from literals or *Path fields; JSONata reads Items and the limits from templates (the init properties).
/// </summary>
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
    ItemReader? ItemReader,
    ItemBatcher? ItemBatcher,
    ResultWriter? ResultWriter,
    string? Label)
{
    public JsonataTemplate? Items { get; init; }

    public JsonataTemplate? JsonataItemSelector { get; init; }

    public JsonataTemplate? MaxConcurrencyTemplate { get; init; }

    public JsonataTemplate? ToleratedFailurePercentageTemplate { get; init; }

    public JsonataTemplate? ToleratedFailureCountTemplate { get; init; }
}
