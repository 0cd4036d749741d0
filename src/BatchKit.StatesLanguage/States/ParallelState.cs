using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Runs every branch on a copy of the input, each in its own frame; the result is the array of branch outputs,
/// and the first branch failure fails the state.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
/// </summary>
internal sealed class ParallelState(StateFields fields, IReadOnlyList<StatesGraph> branches) : ExecutionState(fields)
{
    protected override string? FailedEventType => "ParallelStateFailed";

    protected override async Task<(JsonNode? Result, Failure? Failure)> AttemptAsync(Frame frame, JsonNode? input, JsonNode? effectiveInput)
    {
        frame.AddEvent("ParallelStateStarted");
        var frames = branches.Select(_ => frame.Inner()).ToArray();
        var runs = branches.Select((branch, i) => Task.Run(() => ProgramRunner.RunAsync(branch, frames[i], JsonText.Clone(effectiveInput))));
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
        return (new JsonArray(outcomes.Select(o => o.Output).ToArray()), null);
    }
}
