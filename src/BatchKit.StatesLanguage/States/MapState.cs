using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Runs the ItemProcessor for each item: inline (iterations in this execution's history) or distributed (a Map Run
/// of child executions with their own histories, items from the host's ItemReader, optional batching and
/// tolerated failures). https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
/// </summary>
internal sealed partial class MapState(StateFields fields, MapSettings map) : ExecutionState(fields)
{
    protected override string? FailedEventType => "MapStateFailed";

    protected override JsonNode? PrepareInput(Frame frame, JsonNode? input) => Select(frame, Fields.InputPath, input, "InputPath");

    protected override async Task<(JsonNode? Result, Failure? Failure)> AttemptAsync(Frame frame, JsonNode? input, JsonNode? effectiveInput)
    {
        var scope = new StateScope(frame, effectiveInput);
        var maxConcurrency = Integer(map.MaxConcurrency, map.MaxConcurrencyPath, "MaxConcurrencyPath", scope) ?? 0;
        JsonArray? items = null;
        if (map.ItemReader is null)
        {
            items = JsonPath.Select(map.ItemsPath, scope) as JsonArray
                ?? throw new FailureException(ErrorNames.Runtime, $"Item list ({map.ItemsPath}) must be a JSON array.");
        }

        frame.AddEvent("MapStateStarted", "mapStateStartedEventDetails", new JsonObject { ["length"] = items?.Count ?? 0 });
        var toleratedCount = Integer(map.ToleratedFailureCount, map.ToleratedFailureCountPath, "ToleratedFailureCountPath", scope) ?? 0;
        var toleratedPercentage = Percentage(scope);

        var (result, failure) = map.Distributed
            ? await RunDistributedAsync(frame, effectiveInput, items, (int)maxConcurrency, toleratedCount, toleratedPercentage).ConfigureAwait(false)
            : await RunInlineAsync(frame, effectiveInput, items!, (int)maxConcurrency).ConfigureAwait(false);
        if (failure is null)
        {
            frame.AddEvent("MapStateSucceeded", updateSource: false);
        }

        return (result, failure);
    }

    /// <summary>The value one iteration receives: ItemSelector (or legacy Parameters) over the state input, else the item.</summary>
    private JsonNode? ItemInput(Frame itemFrame, JsonNode? stateInput, JsonNode? item, int index)
    {
        itemFrame.SetContext("Map", new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = JsonText.Clone(item) } });
        var selector = map.ItemSelector ?? Fields.Parameters;
        return selector is null ? JsonText.Clone(item) : PayloadTemplate.Evaluate(selector, new StateScope(itemFrame, stateInput));
    }

    private static long? Integer(long? literal, string? path, string field, StateScope scope)
    {
        if (path is null)
        {
            return literal;
        }

        var value = JsonPath.Select(path, scope);
        return JsonText.TryGetInteger(value, out var n) && n >= 0
            ? n
            : throw new FailureException(ErrorNames.Runtime, $"The {field} field refers to value \"{(JsonText.IsString(value, out var s) ? s : JsonText.Serialize(value))}\" which is not a valid integer: {path}");
    }

    private double Percentage(StateScope scope)
    {
        if (map.ToleratedFailurePercentagePath is null)
        {
            return map.ToleratedFailurePercentage ?? 0;
        }

        var value = JsonPath.Select(map.ToleratedFailurePercentagePath, scope);
        if (!JsonText.IsNumber(value))
        {
            throw new FailureException(ErrorNames.Runtime, $"The ToleratedFailurePercentagePath field refers to value \"{JsonText.Serialize(value)}\" which is not a valid number: {map.ToleratedFailurePercentagePath}");
        }

        var percentage = JsonText.ToDouble(value!);
        return percentage is >= 0 and <= 100 ? percentage : throw new FailureException(ErrorNames.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
    }
}
