using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Runs a graph from StartAt, state after state, in one frame, until it ends, fails or is stopped. Each state entered
/// is noted in the execution's <see cref="RedriveMemo"/>; a resuming frame (a redrive) starts at the state it noted
/// last, with that state's input and the frame's variables as they were.
/// </summary>
internal static class ProgramRunner
{
    /// <param name="inputText"><paramref name="input"/> as compact JSON text, when the caller has made it already.</param>
    public static async Task<ProgramOutcome> RunAsync(StatesGraph graph, Frame frame, JsonNode? input, string? inputText = null)
    {
        var state = graph.States[graph.StartAt];
        var value = input;
        var text = inputText;
        if (frame.Resuming && frame.Run.Memo.CheckpointOf(frame.Path) is { } checkpoint && graph.States.TryGetValue(checkpoint.State, out var resumed))
        {
            state = resumed;
            value = JsonText.Parse(checkpoint.Input);
            text = checkpoint.Input;
            if (checkpoint.Variables is { } variables)
            {
                frame.Variables.Load(JsonText.Parse(variables)!.AsObject());
            }
        }
        else
        {
            frame.Resuming = false; // nothing ran here before: the whole frame runs afresh
        }

        while (true)
        {
            if (frame.Cancellation.IsCancellationRequested)
            {
                return new ProgramOutcome(null, null, Aborted: true);
            }

            // One serialisation of the input serves the memo and the Entered event.
            var stateInput = text ?? JsonText.Serialize(value);
            text = null;
            frame.Run.Memo.Enter(frame.Path, state.Name, stateInput, frame.Variables.Snapshot());
            States.StateOutcome outcome;
            try
            {
                outcome = await state.ExecuteAsync(frame, value, stateInput).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (frame.Cancellation.IsCancellationRequested)
            {
                return new ProgramOutcome(null, null, Aborted: true);
            }

            frame.Resuming = false;
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
