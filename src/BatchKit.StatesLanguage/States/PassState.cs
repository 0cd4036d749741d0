using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.States;

/// <summary>https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html</summary>
internal sealed class PassState(StateFields fields, JsonNode? result, bool hasResult) : State(fields)
{
    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, long enteredEventId)
    {
        var effective = EffectiveInput(frame, input);
        var output = hasResult ? JsonText.Clone(result) : effective;
        return Task.FromResult(Exit(frame, input, output, Next));
    }
}
