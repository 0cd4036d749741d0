using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Inline iterations. Up to MaxConcurrency workers take items in order; each worker is a frame, each item a frame
/// inside it, and the history ids chain as AWS chains them (MapIterationStarted of the next item follows the last
/// state event of the previous one; MapIterationSucceeded/Failed do not move the chain). A redrive reruns only the
/// iterations that did not succeed.
/// </summary>
internal sealed partial class MapState
{
    private async Task<(JsonNode?, Failure?)> RunInlineAsync(Frame frame, JsonNode? stateInput, JsonArray items, int maxConcurrency)
    {
        var results = new JsonNode?[items.Count];
        var next = -1;
        Failure? failure = null;
        var workerCount = Math.Min(maxConcurrency <= 0 ? items.Count : maxConcurrency, items.Count);
        var workers = Enumerable.Range(0, workerCount).Select(_ => frame.Inner()).ToArray();
        var memo = frame.Run.Memo;
        var resuming = ResumeOrStartAfresh(frame);

        async Task Work(Frame worker)
        {
            while (Volatile.Read(ref failure) is null && Interlocked.Increment(ref next) is var index && index < items.Count)
            {
                var job = worker.Inner(frame.ChildPath(Name, index), resuming);
                if (resuming && memo.TryGetCompleted(job.Path, out var kept))
                {
                    results[index] = kept;
                    continue;
                }

                var outcome = await RunIterationAsync(job, stateInput, items[index], index).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    results[index] = outcome.Output;
                    memo.Complete(job.Path, outcome.Output);
                }
                else if (!outcome.Aborted)
                {
                    Interlocked.CompareExchange(ref failure, outcome.Failure, null);
                }

                worker.History.Integrate(job.History);
                if (!outcome.Succeeded)
                {
                    return;
                }

                if (Volatile.Read(ref next) + 1 >= items.Count)
                {
                    // The worker's last iteration ends the chain on its final event.
                    worker.History.SourceEventId = job.History.LastPublishedEventId;
                }
            }
        }

        await Task.WhenAll(workers.Select(w => Task.Run(() => Work(w)))).ConfigureAwait(false);
        foreach (var worker in workers)
        {
            frame.History.Integrate(worker.History);
        }

        frame.Cancellation.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            return (null, failure);
        }

        memo.Forget(frame.ChildPrefix(Name));
        return (new JsonArray(results), null);
    }

    /// <summary>
    /// True when a redrive resumes this Map (its completed iterations are kept in the memo); otherwise whatever an earlier
    /// attempt left in the memo is forgotten, so every iteration runs.
    /// </summary>
    private bool ResumeOrStartAfresh(Frame frame)
    {
        var resuming = frame.TakeResuming();
        if (!resuming)
        {
            frame.Run.Memo.Forget(frame.ChildPrefix(Name));
        }

        return resuming;
    }

    /// <summary>One iteration between its MapIterationStarted event and its MapIterationSucceeded or MapIterationFailed.</summary>
    private async Task<ProgramOutcome> RunIterationAsync(Frame job, JsonNode? stateInput, JsonNode? item, int index)
    {
        var details = new JsonObject { ["index"] = index, ["name"] = Name };
        job.AddEvent("MapIterationStarted", "mapIterationStartedEventDetails", details);
        var input = ItemInput(job, stateInput, item, index);
        var outcome = await ProgramRunner.RunAsync(map.Processor, job, input).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            job.AddEvent("MapIterationSucceeded", "mapIterationSucceededEventDetails", details.DeepClone().AsObject(), updateSource: false);
        }
        else if (!outcome.Aborted)
        {
            job.AddEvent("MapIterationFailed", "mapIterationFailedEventDetails", details.DeepClone().AsObject(), updateSource: false);
        }

        return outcome;
    }
}
