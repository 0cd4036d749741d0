using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Validation;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// <c>arn:aws:states:::states:startExecution</c>: a nested workflow. Request-response returns the new execution's
/// ARN; <c>.sync</c> waits and returns DescribeExecution with Output as a string, <c>.sync:2</c> with Input and
/// Output as JSON; a child that does not succeed fails the state with <c>States.TaskFailed</c> and the description.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
/// </summary>
internal sealed class StartExecutionIntegration
{
    private static readonly ShapeValidator Model = new(ServiceModel.Load("stepfunctions"));
    private StepFunctionsProvider? _stepFunctions;

    private StepFunctionsProvider StepFunctions =>
        _stepFunctions ?? throw new InvalidOperationException("states:startExecution ran before Step Functions was connected.");

    public void Connect(StepFunctionsProvider stepFunctions) => _stepFunctions = stepFunctions;

    public async Task<TaskResult> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = invocation.Parameters as JsonObject ?? [];
        var request = new JsonObject
        {
            ["stateMachineArn"] = parameters["StateMachineArn"]?.DeepClone(),
            ["input"] = parameters["Input"] switch
            {
                null => "{}",
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                var node => node.ToJsonString(),
            },
        };
        if (parameters["Name"] is { } name)
        {
            request["name"] = name.DeepClone();
        }

        JsonObject started;
        try
        {
            Model.Validate("StartExecution", request);
            started = StepFunctions.StartExecution(request);
        }
        catch (ServiceErrorException e)
        {
            return TaskResult.Failure("StepFunctions." + e.Code, e.Message);
        }

        var executionArn = started["executionArn"]!.GetValue<string>();
        if (invocation.Pattern != IntegrationPattern.Sync)
        {
            return TaskResult.Success(new JsonObject { ["ExecutionArn"] = executionArn, ["StartDate"] = started["startDate"]?.DeepClone() });
        }

        await StepFunctions.CompletionOf(executionArn).WaitAsync(cancellationToken).ConfigureAwait(false);
        var described = (JsonObject)JsonCase.ToPascal(StepFunctions.DescribeExecution(new JsonObject { ["executionArn"] = executionArn }))!;
        if (invocation.Resource.EndsWith(".sync:2", StringComparison.Ordinal))
        {
            foreach (var field in new[] { "Input", "Output" })
            {
                if (described[field] is JsonValue text && text.TryGetValue<string>(out var json))
                {
                    described[field] = JsonNode.Parse(json);
                }
            }
        }

        return described["Status"]?.GetValue<string>() == "SUCCEEDED"
            ? TaskResult.Success(described)
            : TaskResult.Failure("States.TaskFailed", described.ToJsonString());
    }
}
