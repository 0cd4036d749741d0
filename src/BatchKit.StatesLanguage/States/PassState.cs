using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Payloads;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Passes its input (JSONPath: through InputPath, Parameters or Result, ResultPath, OutputPath; JSONata: through
/// Output) and assigns variables. https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html
/// </summary>
internal sealed class PassState(StateFields fields, JsonNode? result, bool hasResult) : State(fields)
{
    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, StateEntry entry)
    {
        if (Fields.IsJsonata)
        {
            return Task.FromResult(ExitJsonata(new JsonataScope(frame, input), input, Fields.Output, Fields.JsonataAssign, Next));
        }

        var effective = EffectiveInput(frame, input);
        if (hasResult && frame.Run.Inspection is { } inspection)
        {
            // With a Result, AWS's TestState shows the result instead of the InputPath and Parameters stages.
            inspection.Data.Remove("afterInputPath");
            inspection.Data.Remove("afterParameters");
            inspection.Record("result", result);
        }

        var output = hasResult ? JsonText.Clone(result) : effective;
        return Task.FromResult(Exit(frame, input, output, Next));
    }
}
