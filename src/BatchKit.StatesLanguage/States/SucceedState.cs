using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.States;

/// <summary>https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html</summary>
internal sealed class SucceedState(StateFields fields) : State(fields)
{
    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, long enteredEventId)
    {
        var output = Select(frame, Fields.OutputPath, Select(frame, Fields.InputPath, input, "InputPath"), "OutputPath");
        return Task.FromResult(ExitWith(frame, output, null, next: null));
    }
}
