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
        var output = hasResult ? JsonText.Clone(result) : effective;
        return Task.FromResult(Exit(frame, input, output, Next));
    }
}
