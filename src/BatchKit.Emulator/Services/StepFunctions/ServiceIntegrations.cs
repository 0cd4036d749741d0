using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.DynamoDb;
using BatchKit.Emulator.Services.Ecs;
using BatchKit.Emulator.Services.EventBridge;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Validation;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Task states calling the emulator's own services in-process. Step Functions passes service parameters in PascalCase
/// and returns responses in PascalCase; the services speak their API's casing, so names are converted both ways.
/// Supported: <c>ecs:runTask</c> in all three patterns, <c>lambda:invoke</c> (and a bare function ARN),
/// <c>states:startExecution</c> (.sync, .sync:2, .waitForTaskToken), <c>http:invoke</c>, <c>events:putEvents</c> and
/// <c>dynamodb:putItem/getItem/updateItem/deleteItem</c>.
/// Anything else fails with <see cref="UnsupportedError"/> naming the resource, never silently.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-supported-services.html
/// </summary>
internal sealed class ServiceIntegrations(EcsProvider ecs, EventBridgeProvider events, LambdaProvider lambda, DynamoDbProvider dynamoDb)
    : ITaskIntegration
{
    public const string UnsupportedError = "BatchKit.UnsupportedIntegration";

    private readonly DynamoDbIntegration _dynamoDb = new(dynamoDb);
    private readonly HttpInvokeIntegration _http = new(events);
    private readonly LambdaInvokeIntegration _lambda = new(lambda);
    private readonly StartExecutionIntegration _startExecution = new();
    private readonly Lazy<ShapeValidator> _ecsModel = new(() => new(ServiceModel.Load("ecs")));
    private readonly Lazy<ShapeValidator> _eventsModel = new(() => new(ServiceModel.Load("events")));

    /// <summary>
    /// Step Functions calls itself (<c>states:startExecution</c>): its provider needs the engine, which needs these
    /// integrations, so this one edge is connected once both exist.
    /// </summary>
    public void ConnectStepFunctions(StepFunctionsProvider stepFunctions) => _startExecution.Connect(stepFunctions);

    public Task<TaskResult> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => invocation.ServiceResource switch
    {
        "arn:aws:states:::ecs:runTask" => RunTaskAsync(invocation, cancellationToken),
        "arn:aws:states:::lambda:invoke" when invocation.Pattern != IntegrationPattern.Sync => _lambda.InvokeAsync(invocation, legacyResource: false),
        var arn when arn.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) && arn.Contains(":function:", StringComparison.Ordinal) =>
            _lambda.InvokeAsync(invocation, legacyResource: true),
        "arn:aws:states:::states:startExecution" => _startExecution.InvokeAsync(invocation, cancellationToken),
        "arn:aws:states:::http:invoke" when invocation.Pattern == IntegrationPattern.RequestResponse =>
            _http.InvokeAsync(invocation.Parameters, invocation.RevealSecrets, cancellationToken),
        "arn:aws:states:::events:putEvents" when invocation.Pattern == IntegrationPattern.RequestResponse => Task.FromResult(PutEvents(invocation)),
        _ when DynamoDbIntegration.Handles(invocation) => Task.FromResult(_dynamoDb.Invoke(invocation)),
        _ => Task.FromResult(TaskResult.Failure(UnsupportedError, $"BatchKit's embedded emulator does not run the integration '{invocation.Resource}' yet.")),
    };

    /// <summary>
    /// An entry's <c>Detail</c> may be a JSON object in the state's parameters (Step Functions serializes it to the
    /// string the API takes), or the string itself.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html
    /// </summary>
    private TaskResult PutEvents(TaskInvocation invocation)
    {
        try
        {
            var request = (JsonObject)(invocation.Parameters as JsonObject ?? []).DeepClone();
            foreach (var entry in request["Entries"] as JsonArray ?? [])
            {
                if (entry?["Detail"] is JsonObject detail)
                {
                    entry["Detail"] = detail.ToJsonString();
                }
            }

            _eventsModel.Value.Validate("PutEvents", request);
            return TaskResult.Success(events.PutEvents(request));
        }
        catch (ServiceErrorException e)
        {
            return TaskResult.Failure("EventBridge." + e.Code, e.Message);
        }
    }

    /// <summary>https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html</summary>
    private async Task<TaskResult> RunTaskAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        JsonObject response;
        try
        {
            var request = (JsonObject)JsonCase.ToCamel(invocation.Parameters)!;
            if (invocation.Pattern == IntegrationPattern.Sync)
            {
                request["startedBy"] ??= "AWS Step Functions";
            }

            _ecsModel.Value.Validate("RunTask", request); // the parameters meet the same checks as an API call
            response = ecs.RunTask(request);
        }
        catch (ServiceErrorException e)
        {
            return TaskResult.Failure("ECS." + e.Code, e.Message);
        }

        if (invocation.Pattern != IntegrationPattern.Sync)
        {
            return TaskResult.Success(JsonCase.ToPascal(response));
        }

        // .sync: wait for the task to stop; a non-zero exit fails the state with the task (and its output) as cause.
        var task = ecs.Find(response["tasks"]![0]!["taskArn"]!.GetValue<string>())!;
        await task.StoppedTask.WaitAsync(cancellationToken).ConfigureAwait(false);
        var described = JsonCase.ToPascal(ecs.DescribeTasks(new JsonObject { ["tasks"] = new JsonArray(task.TaskArn) })["tasks"]![0]);
        return task.ExitCode == 0
            ? TaskResult.Success(described)
            : TaskResult.Failure("States.TaskFailed", $"{described!.ToJsonString()}\n--- task output ---\n{task.Output}");
    }
}
