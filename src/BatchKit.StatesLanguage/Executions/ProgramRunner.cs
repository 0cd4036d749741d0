using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>Runs a graph from StartAt, state after state, in one frame, until it ends, fails or is stopped.</summary>
internal static class ProgramRunner
{
    public static async Task<ProgramOutcome> RunAsync(StatesGraph graph, Frame frame, JsonNode? input)
    {
        var state = graph.States[graph.StartAt];
        var value = input;
        while (true)
        {
            if (frame.Cancellation.IsCancellationRequested)
            {
                return new ProgramOutcome(null, null, Aborted: true);
            }

            States.StateOutcome outcome;
            try
            {
                outcome = await state.ExecuteAsync(frame, value).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (frame.Cancellation.IsCancellationRequested)
            {
                return new ProgramOutcome(null, null, Aborted: true);
            }

            if (outcome.Failure is { } failure)
            {
                return new ProgramOutcome(null, failure, Aborted: false);
            }

            if (outcome.Next is null)
            {
                return new ProgramOutcome(outcome.Output, null, Aborted: false);
            }

            state = graph.States[outcome.Next];
            value = outcome.Output;
        }
    }
}
