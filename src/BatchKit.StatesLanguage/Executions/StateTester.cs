using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Runs one state on its own, as TestState does: with the given input and variables, through the same state code as
/// an execution, recording each stage of its data flow; a matching Retry ends the test (RETRIABLE) instead of waiting.
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
/// </summary>
internal static class StateTester
{
    public static async Task<StateTestResult> TestAsync(
        ExecutionRun run, StateMachineDefinition definition, string stateName, string input, JsonObject? variables, CancellationToken cancellationToken)
    {
        var inspection = run.Inspection!;
        var setup = run.TestSetup ?? StateTestSetup.None;
        var state = definition.Graph.States[stateName];
        StateTestRules.Check(state, setup);
        var value = JsonText.Parse(input);
        var frame = setup.Context is { } supplied
            ? Frame.Root(run, supplied, contextSupplied: true)
            : Frame.Root(run, ExecutionLauncher.ContextObject(run.Identity, value, run.Time.GetUtcNow()));
        foreach (var (name, variable) in variables ?? [])
        {
            frame.Variables.Set(name, variable?.DeepClone());
        }

        inspection.Record("input", value);
        await using var stop = cancellationToken.Register(run.Stop);
        var outcome = await state.ExecuteAsync(frame, value).ConfigureAwait(false);
        if (frame.Variables.Snapshot() is { Count: > 0 } all)
        {
            inspection.Record("variables", all);
        }

        if (inspection.Retriable is { } retriable)
        {
            return new StateTestResult("RETRIABLE", null, null, retriable.Error, retriable.Cause, inspection.Data);
        }

        if (outcome.Failure is { } failure)
        {
            return new StateTestResult("FAILED", null, null, failure.Error, failure.Cause, inspection.Data);
        }

        var output = JsonText.Serialize(outcome.Output);
        return inspection.Caught is { } caught
            ? new StateTestResult("CAUGHT_ERROR", output, outcome.Next, caught.Error, caught.Cause, inspection.Data)
            : new StateTestResult("SUCCEEDED", output, outcome.Next, null, null, inspection.Data);
    }
}
