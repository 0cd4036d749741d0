using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Distributed mode: a Map Run whose child executions (one per item or batch) have their own histories; items come
/// from ItemsPath or the host's ItemReader; results go back as an array or, with ResultWriter, to the host. A redrive
/// of the parent redrives the Map Run: children that succeeded are kept, failed ones redriven, unstarted ones started.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
/// https://docs.aws.amazon.com/step-functions/latest/dg/redrive-map-run.html
/// </summary>
internal sealed partial class MapState
{
    private async Task<(JsonNode?, Failure?)> RunDistributedAsync(Frame frame, JsonNode? stateInput, JsonArray? items, MapRunLimits limits)
    {
        var maxItems = items is null ? MaxItems(frame, stateInput) : null;
        var owned = items is null; // the reader's items are this Map Run's own: each can be its child's input as it is
        var mapRun = frame.TakeResuming() && frame.Run.MapRuns.LastOrDefault(m => m.StateName == Name && m.Status != "SUCCEEDED") is { } previous
            ? RedriveMapRun(frame, previous)
            : StartMapRun(frame, limits);
        if (items is null)
        {
            var read = await ReadItemsAsync(frame, stateInput, maxItems).ConfigureAwait(false);
            if (read.Failure is { } readFailure)
            {
                return MapRunFailed(frame, mapRun.Record, readFailure);
            }

            items = read.Items!;
        }

        var inputs = Batches(frame, stateInput, items, owned);
        mapRun.Record.SetTotal(inputs.Count);
        var results = new MapRunResults(inputs.Count, recordChildren: map.ResultWriter is not null);
        var children = new List<Task>(inputs.Count);
        try
        {
            await StartChildrenAsync(frame, mapRun, inputs, results, children).ConfigureAwait(false);
        }
        finally
        {
            await Task.WhenAll(children).ConfigureAwait(false); // stopped while starting them: those started end too
        }

        // The Map Run's limits as they are now: UpdateMapRun may have changed them while the children ran.
        var record = mapRun.Record;
        var current = new MapRunLimits(record.MaxConcurrency, record.ToleratedFailureCount, record.ToleratedFailurePercentage);
        if (results.Failures > 0 && !current.Tolerates(results.Failures, inputs.Count))
        {
            var exceeded = new Failure(ErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
            return MapRunFailed(frame, mapRun.Record, exceeded);
        }

        return await FinishMapRunAsync(frame, mapRun, results, stateInput).ConfigureAwait(false);
    }

    /// <summary>Names the Map Run after the state's Label (or name) and records MapRunStarted.</summary>
    private MapRun StartMapRun(Frame frame, MapRunLimits limits)
    {
        var identity = frame.Run.Identity;
        var arn = new ArnParts(identity.ExecutionArn);
        var label = map.Label ?? Name;
        var id = Guid.NewGuid().ToString();
        var mapRunArn = $"arn:aws:states:{arn.Region}:{arn.Account}:mapRun:{identity.StateMachineName}/{label}:{id}";
        var record = new MapRunRecord(mapRunArn, identity.ExecutionArn, Name, frame.Run.Time.GetUtcNow(), limits.MaxConcurrency,
            limits.ToleratedFailurePercentage, limits.ToleratedFailureCount);
        frame.Run.MapRuns.Enqueue(record);
        frame.AddEvent("MapRunStarted", "mapRunStartedEventDetails", new JsonObject { ["mapRunArn"] = mapRunArn });
        var childArnPrefix = $"arn:aws:states:{arn.Region}:{arn.Account}:execution:{identity.StateMachineName}/{label}:";
        return new MapRun(record, id, childArnPrefix);
    }

    /// <summary>The parent's redrive takes up the Map Run it did not finish (same ARN), recording MapRunRedriven.</summary>
    private static MapRun RedriveMapRun(Frame frame, MapRunRecord record)
    {
        record.Redriven();
        frame.AddEvent("MapRunRedriven", "mapRunRedrivenEventDetails", new JsonObject
        {
            ["mapRunArn"] = record.MapRunArn,
            ["redriveCount"] = record.RedriveCount,
        });
        var id = record.MapRunArn[(record.MapRunArn.LastIndexOf(':') + 1)..];
        var childArnPrefix = record.MapRunArn.Replace(":mapRun:", ":execution:", StringComparison.Ordinal)[..^id.Length];
        return new MapRun(record, id, childArnPrefix);
    }

    /// <summary>
    /// Starts the children in item order, each once a slot under MaxConcurrency is free: one waiter at the gate at a
    /// time, rather than one per item (10,000 waiting tasks, each with a registration on the parent's stop signal).
    /// </summary>
    private async Task StartChildrenAsync(Frame frame, MapRun mapRun, List<JsonNode?> inputs, MapRunResults results, List<Task> children)
    {
        var gate = mapRun.Record.Concurrency;
        for (var index = 0; index < inputs.Count; index++)
        {
            await gate.EnterAsync(frame.Cancellation).ConfigureAwait(false);
            children.Add(RunChildAsync(frame, mapRun, inputs[index], index, results));
        }
    }

    /// <summary>
    /// One child execution in the slot its caller took: runs the ItemProcessor, collects its result, frees the slot. In a
    /// redriven Map Run the child of the same index that succeeded is reused and one that did not is redriven.
    /// </summary>
    private async Task RunChildAsync(Frame frame, MapRun mapRun, JsonNode? input, int index, MapRunResults results)
    {
        try
        {
            mapRun.Record.ChildStarted();
            var name = $"{mapRun.Id}-{index}";
            var child = mapRun.Record.ChildNamed(name) is { } previous
                ? ExecutionLauncher.RedriveChild(previous, frame.Run, map.Processor, frame.Cancellation)
                : LaunchChild(frame, mapRun, input, name);
            // The parent's stop stops every child (ExecutionLauncher registers it), so its completion comes then too.
            await child.Completion.ConfigureAwait(false);
            frame.Cancellation.ThrowIfCancellationRequested();
            mapRun.Record.ChildEnded(child.Status == ExecutionStatus.Succeeded);
            results.Add(index, child, input);
        }
        finally
        {
            mapRun.Record.Concurrency.Leave();
        }
    }

    private Execution LaunchChild(Frame frame, MapRun mapRun, JsonNode? input, string name)
    {
        var identity = frame.Run.Identity with
        {
            ExecutionArn = mapRun.ChildArnPrefix + Guid.NewGuid(),
            Name = name,
        };
        var child = ExecutionLauncher.Launch(frame.Run.Child(identity), map.Processor, input, null, parentStop: frame.Cancellation);
        mapRun.Record.ChildLaunched(child);
        return child;
    }

    /// <summary>The Map's result: the outputs in item order or, with a ResultWriter, what the host wrote.</summary>
    private async Task<(JsonNode?, Failure?)> FinishMapRunAsync(Frame frame, MapRun mapRun, MapRunResults results, JsonNode? stateInput)
    {
        JsonNode? result = results.Outputs();
        if (map.ResultWriter is { } writer)
        {
            var host = frame.Run.ResultWriter ?? throw new FailureException(ErrorNames.Runtime, "No result writer is configured for ResultWriter.");
            var parameters = Fields.IsJsonata
                ? writer.Arguments?.Evaluate(new JsonataScope(frame, stateInput), "ResultWriter/Arguments")
                : writer.Parameters is { } p ? PayloadTemplate.Evaluate(p, new StateScope(frame, stateInput)) : null;
            var written = await host.WriteResultsAsync(writer.Resource, parameters, mapRun.Record.MapRunArn, results.Succeeded, results.Failed,
                frame.Cancellation).ConfigureAwait(false);
            if (!written.Succeeded)
            {
                return MapRunFailed(frame, mapRun.Record, new Failure(ErrorNames.ResultWriterFailed, written.Cause));
            }

            result = written.Output;
        }

        mapRun.Record.End("SUCCEEDED", frame.Run.Time.GetUtcNow());
        // Most AWS recordings chain MapStateExited to MapRunSucceeded; a few chain it to MapRunStarted (the events come
        // from different threads in AWS). We follow the majority; KnownHistoryDifferences.json lists the others.
        frame.AddEvent("MapRunSucceeded");
        return (result, null);
    }

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

    /// <summary>One Map Run: its record, its id, and the ARN prefix of its child executions.</summary>
    private sealed record MapRun(MapRunRecord Record, string Id, string ChildArnPrefix);

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
