using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// How a Task state waits for its service, named by the Resource suffix.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html
/// </summary>
public enum IntegrationPattern
{
    /// <summary>No suffix: the call's response is the result.</summary>
    RequestResponse,

    /// <summary><c>.sync</c>: the host waits for the job to finish and returns its outcome.</summary>
    Sync,

    /// <summary><c>.waitForTaskToken</c>: the call starts work that later answers with SendTaskSuccess/Failure.</summary>
    WaitForTaskToken,
}

/// <summary>What a Task state asks the host to do.</summary>
/// <param name="Resource">The full Resource ARN, e.g. <c>arn:aws:states:::ecs:runTask.waitForTaskToken</c>.</param>
/// <param name="ServiceResource">The Resource without its pattern suffix, e.g. <c>arn:aws:states:::ecs:runTask</c>.</param>
public sealed record TaskInvocation(
    string Resource,
    string ServiceResource,
    IntegrationPattern Pattern,
    JsonNode? Parameters,
    string? TaskToken,
    string StateName,
    ExecutionIdentity Execution,
    TimeSpan? Timeout,
    TimeSpan? Heartbeat,
    JsonNode? Credentials)
{
    /// <summary>TestState's revealSecrets: an http:invoke inspection may show what the connection added.</summary>
    public bool RevealSecrets { get; init; }
}

/// <summary>A task's outcome: the result, or a States Language failure (Error, Cause) for Retry and Catch.</summary>
public sealed record TaskResult(JsonNode? Output, string? Error, string? Cause)
{
    public bool Succeeded => Error is null;

    /// <summary>For TestState at TRACE: the HTTP request and response of an http:invoke call (inspectionData.request/.response).</summary>
    public JsonObject? HttpInspection { get; init; }

    public static TaskResult Success(JsonNode? output) => new(output, null, null);

    public static TaskResult Failure(string error, string? cause) => new(null, error, cause);
}

/// <summary>
/// The host side of Task states (the emulator implements it over its services). For WaitForTaskToken the host
/// starts the work and returns its response; the engine then waits for the token's answer.
/// </summary>
public interface ITaskIntegration
{
    Task<TaskResult> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>The answer to SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat, for the host to map to AWS errors.</summary>
public enum TaskTokenResponse
{
    Accepted,

    /// <summary>No such token was ever issued (AWS: InvalidToken).</summary>
    InvalidToken,

    /// <summary>The task already finished or its execution ended (AWS: TaskDoesNotExist).</summary>
    TaskDoesNotExist,

    /// <summary>The task timed out before the answer came (AWS: TaskTimedOut).</summary>
    TaskTimedOut,
}
