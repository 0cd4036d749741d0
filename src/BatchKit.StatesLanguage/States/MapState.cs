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

    /// <summary>With a ResultWriter the Map's result is where it wrote, an object, not the array of outputs.</summary>
    public bool WritesResults => map.ResultWriter is not null;

    protected override JsonNode? PrepareInput(Frame frame, JsonNode? input) =>
        Fields.IsJsonata ? input : Select(frame, Fields.InputPath, input, "InputPath");

    protected override async Task<(JsonNode? Result, Failure? Failure)> AttemptAsync(Frame frame, JsonNode? input, JsonNode? effectiveInput)
    {
        var maxConcurrency = MaxConcurrency(frame, effectiveInput);
        var items = map.ItemReader is null ? Items(frame, effectiveInput) : null;
        frame.AddEvent("MapStateStarted", "mapStateStartedEventDetails", new JsonObject { ["length"] = items?.Count ?? 0 });
        var limits = new MapRunLimits((int)maxConcurrency, ToleratedFailureCount(frame, effectiveInput), ToleratedFailurePercentage(frame, effectiveInput));
        var (result, failure) = map.Distributed
            ? await RunDistributedAsync(frame, effectiveInput, items, limits).ConfigureAwait(false)
            : await RunInlineAsync(frame, effectiveInput, items!, limits.MaxConcurrency).ConfigureAwait(false);
        if (failure is null)
        {
            frame.AddEvent("MapStateSucceeded", updateSource: false);
        }

        return (result, failure);
    }

    /// <summary>The items: JSONPath ItemsPath; JSONata Items (an array or an expression), else the input itself.</summary>
    private JsonArray Items(Frame frame, JsonNode? input)
    {
        if (!Fields.IsJsonata)
        {
            return JsonPath.Select(map.ItemsPath, new StateScope(frame, input)) as JsonArray
                ?? throw new FailureException(ErrorNames.Runtime, $"Item list ({map.ItemsPath}) must be a JSON array.");
        }

        if (map.Items is not { } template)
        {
            return input as JsonArray
                ?? throw JsonataTemplate.QueryError($"Map state input must be an array but was: {JsonText.Serialize(input)}", null);
        }

        var value = template.Evaluate(new JsonataScope(frame, input), "Items");
        return value as JsonArray ?? throw JsonataTypes.Unexpected(template, "Items", "array", value);
    }

    /// <summary>The value one iteration receives: ItemSelector (or legacy Parameters) over the state input, else the item.</summary>
    private JsonNode? ItemInput(Frame itemFrame, JsonNode? stateInput, JsonNode? item, int index)
    {
        itemFrame.SetContext("Map", new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = JsonText.Clone(item) } });
        if (Fields.IsJsonata)
        {
            return map.JsonataItemSelector is { } jsonata
                ? jsonata.Evaluate(new JsonataScope(itemFrame, stateInput), "ItemSelector")
                : JsonText.Clone(item);
        }

        var selector = map.ItemSelector ?? Fields.Parameters;
        return selector is null ? JsonText.Clone(item) : PayloadTemplate.Evaluate(selector, new StateScope(itemFrame, stateInput));
    }
}
