using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// A Distributed Map's items: read through the host's item reader (capped by MaxItems), then grouped by the
/// ItemBatcher. https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
/// </summary>
internal sealed partial class MapState
{
    /// <summary>AWS's ceiling for ItemReader MaxItems.</summary>
    private const long MaxItemsLimit = 100_000_000;

    private async Task<(JsonArray? Items, Failure? Failure)> ReadItemsAsync(Frame frame, JsonNode? stateInput, long? maxItems)
    {
        var reader = map.ItemReader!;
        var host = frame.Run.ItemReader ?? throw new FailureException(ErrorNames.Runtime, "No item reader is configured for ItemReader.");
        if (maxItems < 0)
        {
            return (null, new Failure(ErrorNames.ItemReaderFailed, "field MaxItems must be positive"));
        }

        var parameters = Fields.IsJsonata
            ? reader.Arguments?.Evaluate(new JsonataScope(frame, stateInput), "ItemReader/Arguments")
            : reader.Parameters is { } p ? PayloadTemplate.Evaluate(p, new StateScope(frame, stateInput)) : null;
        var result = await host.ReadItemsAsync(reader.Resource, parameters, reader.Config.ToJson(maxItems), frame.Cancellation).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, new Failure(result.Error ?? ErrorNames.ItemReaderFailed, result.Cause));
        }

        if (result.Output is not JsonArray items)
        {
            return (null, new Failure(ErrorNames.ItemReaderFailed, "Attempting to map over non-iterable node."));
        }

        var limit = maxItems is > 0 ? Math.Min(maxItems.Value, MaxItemsLimit) : MaxItemsLimit;
        return (items.Count > limit ? new JsonArray(items.Take((int)limit).Select(JsonText.Clone).ToArray()) : items, null);
    }

    /// <summary>
    /// ReaderConfig's MaxItems: a literal, MaxItemsPath or (JSONata) an expression. A numeric string ("2", e.g. from a
    /// variable) counts as its number, as AWS accepts it; a value that is no integer at all is a States.Runtime failure.
    /// </summary>
    private long? MaxItems(Frame frame, JsonNode? stateInput)
    {
        var config = map.ItemReader!.Config;
        if (Fields.IsJsonata && config.MaxItemsTemplate is { } template)
        {
            var value = template.Evaluate(new JsonataScope(frame, stateInput), "ItemReader/ReaderConfig/MaxItems");
            return JsonText.TryGetInteger(value, out var n) ? n : throw JsonataTypes.Unexpected(template, "MaxItems", "integer", value);
        }

        if (config.MaxItemsPath is not { } path)
        {
            return config.MaxItems;
        }

        var selected = JsonPath.Select(path, new StateScope(frame, stateInput));
        if (JsonText.IsString(selected, out var digits) && long.TryParse(digits, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return JsonText.TryGetInteger(selected, out var integer) && !JsonText.Serialize(selected).Contains('.', StringComparison.Ordinal)
            ? integer
            : throw new FailureException(ErrorNames.Runtime,
                $"The MaxItemsPath field refers to value \"{(JsonText.IsString(selected, out var s) ? s : JsonText.Serialize(selected))}\" "
                + $"which is not a valid integer: {path}");
    }

    /// <summary>Each child's input: the item (through ItemSelector), or with ItemBatcher {"Items": [...], "BatchInput": ...}.</summary>
    /// <param name="owned">The items are the Map Run's own (from its reader): taken out of their array rather than copied.</param>
    private List<JsonNode?> Batches(Frame frame, JsonNode? stateInput, JsonArray items, bool owned)
    {
        List<JsonNode?> selected;
        if (owned && !HasItemSelector)
        {
            selected = [.. items];
            items.Clear(); // detaches each item from the array, so it can be placed in another
        }
        else
        {
            selected = items.Select((item, i) => ChildInput(frame, stateInput, item, i)).ToList();
        }

        if (map.ItemBatcher is not { } batcher)
        {
            return selected;
        }

        var (maxItems, maxBytes, batchInput) = BatcherSettings(batcher, frame, stateInput);
        var batches = new List<JsonNode?>();
        var current = new JsonArray();
        long bytes = 0;
        foreach (var item in selected)
        {
            var size = System.Text.Encoding.UTF8.GetByteCount(JsonText.Serialize(item));
            if (current.Count > 0 && (current.Count >= maxItems || bytes + size > maxBytes))
            {
                batches.Add(Batch(current, batchInput));
                current = [];
                bytes = 0;
            }

            current.Add(item);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(Batch(current, batchInput));
        }

        return batches;
    }

    /// <summary>The batcher's limits and BatchInput for this run (literals, *Path fields or JSONata expressions).</summary>
    private (long MaxItems, long MaxBytes, JsonNode? BatchInput) BatcherSettings(ItemBatcher batcher, Frame frame, JsonNode? stateInput)
    {
        if (Fields.IsJsonata)
        {
            var scope = new JsonataScope(frame, stateInput);
            var maxItems = BatchLimit(batcher.MaxItemsPerBatchTemplate, "ItemBatcher/MaxItemsPerBatch", scope) ?? batcher.MaxItemsPerBatch;
            var maxBytes = BatchLimit(batcher.MaxInputBytesPerBatchTemplate, "ItemBatcher/MaxInputBytesPerBatch", scope) ?? batcher.MaxInputBytesPerBatch;
            return (maxItems ?? long.MaxValue, maxBytes ?? ItemBatcher.MaxBytes,
                batcher.JsonataBatchInput?.Evaluate(scope, "ItemBatcher/BatchInput"));
        }

        var paths = new StateScope(frame, stateInput);
        return (BatchLimit(batcher.MaxItemsPerBatch, batcher.MaxItemsPerBatchPath, paths) ?? long.MaxValue,
            BatchLimit(batcher.MaxInputBytesPerBatch, batcher.MaxInputBytesPerBatchPath, paths) ?? ItemBatcher.MaxBytes,
            batcher.BatchInput is { } bi ? PayloadTemplate.Evaluate(bi, paths) : null);
    }

    private static long? BatchLimit(long? literal, string? path, StateScope scope)
    {
        if (path is null)
        {
            return literal;
        }

        // A number or a numeric string (a variable set from text) counts, as AWS reads it.
        var value = JsonPath.Select(path, scope);
        return JsonText.TryGetInteger(value, out var n) ? n
            : JsonText.IsString(value, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    private static long? BatchLimit(JsonataTemplate? template, string field, JsonataScope scope)
    {
        if (template is null)
        {
            return null;
        }

        var value = template.Evaluate(scope, field);
        return JsonText.TryGetInteger(value, out var n) && n > 0 ? n : throw JsonataTypes.Unexpected(template, field, "integer", value);
    }

    /// <summary>
    /// A child's input through ItemSelector, or without one the item itself: then nothing reads <c>$$.Map.Item</c> (a
    /// child's context object is its own), so no frame is made for it.
    /// </summary>
    private JsonNode? ChildInput(Frame frame, JsonNode? stateInput, JsonNode? item, int index) =>
        HasItemSelector ? ItemInput(frame.Inner(), stateInput, item, index) : JsonText.Clone(item);

    private bool HasItemSelector => Fields.IsJsonata ? map.JsonataItemSelector is not null : (map.ItemSelector ?? Fields.Parameters) is not null;

    private static JsonObject Batch(JsonArray items, JsonNode? batchInput)
    {
        var batch = new JsonObject();
        if (batchInput is not null)
        {
            batch["BatchInput"] = JsonText.Clone(batchInput);
        }

        batch["Items"] = items;
        return batch;
    }
}
