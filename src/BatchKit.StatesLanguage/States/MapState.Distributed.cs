using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Distributed mode: a Map Run whose child executions (one per item or batch) have their own histories; items come
/// from ItemsPath or the host's ItemReader; results go back as an array or, with ResultWriter, to the host.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
/// </summary>
internal sealed partial class MapState
{
    /// <summary>AWS's ceiling for ItemReader MaxItems.</summary>
    private const long MaxItemsLimit = 100_000_000;

    private async Task<(JsonNode?, Failure?)> RunDistributedAsync(Frame frame, JsonNode? stateInput, JsonArray? items, int maxConcurrency, long toleratedCount, double toleratedPercentage)
    {
        var identity = frame.Run.Identity;
        var arn = new ArnParts(identity.ExecutionArn);
        var label = map.Label ?? Name;
        var mapRunId = Guid.NewGuid().ToString();
        var mapRunArn = $"arn:aws:states:{arn.Region}:{arn.Account}:mapRun:{identity.StateMachineName}/{label}:{mapRunId}";
        var record = new MapRunRecord(mapRunArn, identity.ExecutionArn, Name, frame.Run.Time.GetUtcNow(), maxConcurrency, toleratedPercentage, toleratedCount);
        frame.Run.MapRuns.Enqueue(record);
        frame.AddEvent("MapRunStarted", "mapRunStartedEventDetails", new JsonObject { ["mapRunArn"] = mapRunArn });

        var scope = new StateScope(frame, stateInput);
        if (items is null)
        {
            var read = await ReadItemsAsync(frame, scope).ConfigureAwait(false);
            if (read.Failure is { } readFailure)
            {
                return MapRunFailed(frame, record, readFailure);
            }

            items = read.Items!;
        }

        var inputs = Batches(frame, stateInput, items, scope);
        record.SetTotal(inputs.Count);
        var outputs = new JsonNode?[inputs.Count];
        var succeeded = new JsonArray();
        var failedRecords = new JsonArray();
        var failures = 0L;
        Failure? firstFailure = null;
        using var gate = new SemaphoreSlim(maxConcurrency <= 0 ? 1000 : maxConcurrency);

        async Task RunChild(int index)
        {
            await gate.WaitAsync(frame.Cancellation).ConfigureAwait(false);
            try
            {
                record.ChildStarted();
                var childIdentity = identity with
                {
                    ExecutionArn = $"arn:aws:states:{arn.Region}:{arn.Account}:execution:{identity.StateMachineName}/{label}:{Guid.NewGuid()}",
                    Name = $"{mapRunId}-{index}",
                };
                var child = ExecutionLauncher.Launch(frame.Run.Child(childIdentity), map.Processor, inputs[index], null, parentStop: frame.Cancellation);
                record.ChildLaunched(child);
                await child.Completion.WaitAsync(frame.Cancellation).ConfigureAwait(false);
                var ok = child.Status == ExecutionStatus.Succeeded;
                record.ChildEnded(ok);
                var childRecord = ChildRecord(child, inputs[index]);
                lock (outputs)
                {
                    if (ok)
                    {
                        outputs[index] = JsonText.Parse(child.Output!);
                        succeeded.Add(childRecord);
                    }
                    else
                    {
                        failures++;
                        firstFailure ??= new Failure(child.Error, child.Cause);
                        failedRecords.Add(childRecord);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inputs.Count).Select(RunChild)).ConfigureAwait(false);

        if (failures > 0 && !Tolerated(failures, inputs.Count, toleratedCount, toleratedPercentage))
        {
            return MapRunFailed(frame, record, new Failure(ErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded"));
        }

        JsonNode? result = new JsonArray(outputs.Select(o => JsonText.Clone(o)).ToArray());
        if (map.ResultWriter is { } writer)
        {
            var resultWriter = frame.Run.ResultWriter ?? throw new FailureException(ErrorNames.Runtime, "No result writer is configured for ResultWriter.");
            var parameters = writer["Parameters"] is { } p ? PayloadTemplate.Evaluate(p, scope) : null;
            var written = await resultWriter.WriteResultsAsync(writer["Resource"]?.GetValue<string>() ?? "", parameters, mapRunArn, succeeded, failedRecords, frame.Cancellation).ConfigureAwait(false);
            if (!written.Succeeded)
            {
                return MapRunFailed(frame, record, new Failure(ErrorNames.ResultWriterFailed, written.Cause));
            }

            result = written.Output;
        }

        record.End("SUCCEEDED", frame.Run.Time.GetUtcNow());
        // Most AWS recordings chain MapStateExited to MapRunSucceeded; a few chain it to MapRunStarted (the events come
        // from different threads in AWS). We follow the majority; KnownHistoryDifferences.json lists the others.
        frame.AddEvent("MapRunSucceeded");
        return (result, null);
    }

    private static bool Tolerated(long failures, int total, long toleratedCount, double toleratedPercentage) =>
        (toleratedCount > 0 && failures <= toleratedCount) || (toleratedPercentage > 0 && failures * 100.0 / total <= toleratedPercentage);

    private static (JsonNode?, Failure?) MapRunFailed(Frame frame, MapRunRecord record, Failure failure)
    {
        record.End("FAILED", frame.Run.Time.GetUtcNow());
        var details = new JsonObject();
        if (failure.Cause is not null)
        {
            details["cause"] = failure.Cause;
        }

        details["error"] = failure.Error;
        frame.AddEvent("MapRunFailed", "mapRunFailedEventDetails", details);
        return (null, failure);
    }

    private async Task<(JsonArray? Items, Failure? Failure)> ReadItemsAsync(Frame frame, StateScope scope)
    {
        var reader = map.ItemReader!;
        var host = frame.Run.ItemReader ?? throw new FailureException(ErrorNames.Runtime, "No item reader is configured for ItemReader.");
        var config = reader["ReaderConfig"]?.DeepClone() as JsonObject ?? new JsonObject();
        if (config["MaxItemsPath"] is JsonValue maxPath && JsonText.IsString(maxPath, out var path))
        {
            config["MaxItems"] = JsonText.Clone(JsonPath.Select(path, scope));
            config.Remove("MaxItemsPath");
        }

        // A numeric string ("2", e.g. from a variable) counts as its number, as AWS accepts it.
        if (config["MaxItems"] is JsonValue text && JsonText.IsString(text, out var digits) && long.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            config["MaxItems"] = parsed;
        }

        if (config["MaxItems"] is { } maxItems && (!JsonText.TryGetInteger(maxItems, out var max) || max < 0))
        {
            return (null, new Failure(ErrorNames.ItemReaderFailed, "field MaxItems must be positive"));
        }

        var parameters = reader["Parameters"] is { } p ? PayloadTemplate.Evaluate(p, scope) : null;
        var result = await host.ReadItemsAsync(reader["Resource"]?.GetValue<string>() ?? "", parameters, config, frame.Cancellation).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, new Failure(result.Error ?? ErrorNames.ItemReaderFailed, result.Cause));
        }

        if (result.Output is not JsonArray items)
        {
            return (null, new Failure(ErrorNames.ItemReaderFailed, "Attempting to map over non-iterable node."));
        }

        var limit = config["MaxItems"] is { } m && JsonText.TryGetInteger(m, out var n) && n > 0 ? Math.Min(n, MaxItemsLimit) : MaxItemsLimit;
        return (items.Count > limit ? new JsonArray(items.Take((int)limit).Select(JsonText.Clone).ToArray()) : items, null);
    }

    /// <summary>Each child's input: the item (through ItemSelector), or with ItemBatcher {"Items": [...], "BatchInput": ...}.</summary>
    private List<JsonNode?> Batches(Frame frame, JsonNode? stateInput, JsonArray items, StateScope scope)
    {
        var selected = items.Select((item, i) => ItemInput(frame.Inner(), stateInput, item, i)).ToList();
        if (map.ItemBatcher is not { } batcher)
        {
            return selected;
        }

        var maxItems = batcher["MaxItemsPerBatch"] is { } mi && JsonText.TryGetInteger(mi, out var a) ? a
            : batcher["MaxItemsPerBatchPath"] is JsonValue mp && JsonText.IsString(mp, out var p) && JsonText.TryGetInteger(JsonPath.Select(p, scope), out var b) ? b : long.MaxValue;
        var maxBytes = batcher["MaxInputBytesPerBatch"] is { } mb && JsonText.TryGetInteger(mb, out var c) ? c : 256 * 1024;
        var batchInput = batcher["BatchInput"] is { } bi ? PayloadTemplate.Evaluate(bi, scope) : null;
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

    /// <summary>A child execution as ResultWriter files list it.</summary>
    private static JsonObject ChildRecord(Execution child, JsonNode? input)
    {
        var record = new JsonObject
        {
            ["ExecutionArn"] = child.Identity.ExecutionArn,
            ["Input"] = JsonText.Serialize(input),
            ["InputDetails"] = new JsonObject { ["Included"] = true },
            ["Name"] = child.Identity.Name,
            ["RedriveCount"] = 0,
            ["RedriveStatus"] = "NOT_REDRIVABLE",
            ["StartDate"] = Timestamps.Format(child.StartDate),
            ["StateMachineArn"] = child.Identity.StateMachineArn,
            ["Status"] = child.Status.ToString().ToUpperInvariant() switch { "TIMEDOUT" => "TIMED_OUT", var s => s },
            ["StopDate"] = child.StopDate is { } stop ? Timestamps.Format(stop) : null,
        };
        if (child.Status == ExecutionStatus.Succeeded)
        {
            record["Output"] = child.Output;
            record["OutputDetails"] = new JsonObject { ["Included"] = true };
        }
        else
        {
            record["Error"] = child.Error;
            record["Cause"] = child.Cause;
        }

        return record;
    }

    /// <summary>Region and account of an execution ARN (arn:aws:states:REGION:ACCOUNT:execution:...).</summary>
    private readonly record struct ArnParts(string Arn)
    {
        public string Region => Part(3, "us-east-1");

        public string Account => Part(4, "000000000000");

        private string Part(int index, string fallback)
        {
            var parts = Arn.Split(':');
            return parts.Length > index && parts[index].Length > 0 ? parts[index] : fallback;
        }
    }
}
