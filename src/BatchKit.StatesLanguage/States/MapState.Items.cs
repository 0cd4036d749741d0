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

    private async Task<(JsonArray? Items, Failure? Failure)> ReadItemsAsync(Frame frame, StateScope scope)
    {
        var reader = map.ItemReader!;
        var host = frame.Run.ItemReader ?? throw new FailureException(ErrorNames.Runtime, "No item reader is configured for ItemReader.");
        if (!TryMaxItems(reader.Config, scope, out var maxItems))
        {
            return (null, new Failure(ErrorNames.ItemReaderFailed, "field MaxItems must be positive"));
        }

        var parameters = reader.Parameters is { } p ? PayloadTemplate.Evaluate(p, scope) : null;
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
    /// MaxItems, literal or from MaxItemsPath; a numeric string ("2", e.g. from a variable) counts as its number, as
    /// AWS accepts it. False when the value is not a non-negative integer.
    /// </summary>
    private static bool TryMaxItems(ReaderConfig config, StateScope scope, out long? maxItems)
    {
        maxItems = config.MaxItems;
        if (config.MaxItemsPath is not { } path)
        {
            return true;
        }

        var value = JsonPath.Select(path, scope);
        if (JsonText.IsString(value, out var digits) && long.TryParse(digits, CultureInfo.InvariantCulture, out var parsed))
        {
            maxItems = parsed;
            return parsed >= 0;
        }

        maxItems = JsonText.TryGetInteger(value, out var n) ? n : null;
        return maxItems >= 0;
    }

    /// <summary>Each child's input: the item (through ItemSelector), or with ItemBatcher {"Items": [...], "BatchInput": ...}.</summary>
    private List<JsonNode?> Batches(Frame frame, JsonNode? stateInput, JsonArray items, StateScope scope)
    {
        var selected = items.Select((item, i) => ItemInput(frame.Inner(), stateInput, item, i)).ToList();
        if (map.ItemBatcher is not { } batcher)
        {
            return selected;
        }

        var maxItems = BatchLimit(batcher.MaxItemsPerBatch, batcher.MaxItemsPerBatchPath, scope) ?? long.MaxValue;
        var maxBytes = BatchLimit(batcher.MaxInputBytesPerBatch, batcher.MaxInputBytesPerBatchPath, scope) ?? ItemBatcher.MaxBytes;
        var batchInput = batcher.BatchInput is { } bi ? PayloadTemplate.Evaluate(bi, scope) : null;
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

    private static long? BatchLimit(long? literal, string? path, StateScope scope) =>
        path is null ? literal : JsonText.TryGetInteger(JsonPath.Select(path, scope), out var n) ? n : null;

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
