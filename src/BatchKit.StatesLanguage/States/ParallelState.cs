using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Runs every branch on a copy of the input, each in its own frame; the result is the array of branch outputs,
/// and the first branch failure fails the state. A redrive reruns only the branches that did not succeed.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
/// </summary>
internal sealed class ParallelState(StateFields fields, IReadOnlyList<StatesGraph> branches) : ExecutionState(fields)
{
    public int BranchCount => branches.Count;

    protected override string? FailedEventType => "ParallelStateFailed";

    protected override async Task<(JsonNode? Result, Failure? Failure)> AttemptAsync(Frame frame, JsonNode? input, JsonNode? effectiveInput)
    {
        frame.AddEvent("ParallelStateStarted");
        var memo = frame.Run.Memo;
        var resuming = frame.TakeResuming();
        if (!resuming)
        {
            memo.Forget(frame.ChildPrefix(Name));
        }

        var frames = branches.Select((_, i) => frame.Inner(frame.ChildPath(Name, i), resuming)).ToArray();
        var runs = branches.Select((branch, i) => Task.Run(() => RunBranchAsync(branch, frames[i], JsonText.Clone(effectiveInput))));
        var outcomes = await Task.WhenAll(runs).ConfigureAwait(false);
        foreach (var branchFrame in frames)
        {
            frame.History.Integrate(branchFrame.History);
        }

        if (outcomes.FirstOrDefault(o => o.Failure is not null)?.Failure is { } failure)
        {
            return (null, failure);
        }

        if (outcomes.Any(o => o.Aborted))
        {
            throw new OperationCanceledException(frame.Cancellation);
        }

        frame.AddEvent("ParallelStateSucceeded", updateSource: false);
        memo.Forget(frame.ChildPrefix(Name));
        return (new JsonArray(outcomes.Select(o => o.Output).ToArray()), null);
    }

    /// <summary>One branch; on a redrive one that had succeeded gives its kept output again without running.</summary>
    private static async Task<ProgramOutcome> RunBranchAsync(StatesGraph branch, Frame frame, JsonNode? input)
    {
        if (frame.Resuming && frame.Run.Memo.TryGetCompleted(frame.Path, out var kept))
        {
            return new ProgramOutcome(kept, null, Aborted: false);
        }

        var outcome = await ProgramRunner.RunAsync(branch, frame, input).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            frame.Run.Memo.Complete(frame.Path, outcome.Output);
        }

        return outcome;
    }
}
