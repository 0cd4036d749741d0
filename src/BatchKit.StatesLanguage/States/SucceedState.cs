using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html</summary>
internal sealed class SucceedState(StateFields fields) : State(fields)
{
    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, StateEntry entry)
    {
        if (Fields.IsJsonata)
        {
            return Task.FromResult(ExitJsonata(new JsonataScope(frame, input), input, Fields.Output, null, next: null));
        }

        var output = Select(frame, Fields.OutputPath, Inspect(frame, "afterInputPath", Select(frame, Fields.InputPath, input, "InputPath")), "OutputPath");
        return Task.FromResult(ExitWith(frame, output, null, next: null));
    }
}
