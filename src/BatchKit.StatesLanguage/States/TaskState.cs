using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Payloads;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.States;

/// <summary>The timeouts of a Task: a literal number of seconds, a path to one or (JSONata) an expression.</summary>
internal sealed record TaskTimeouts(long? TimeoutSeconds, string? TimeoutSecondsPath, long? HeartbeatSeconds, string? HeartbeatSecondsPath)
{
    public Payloads.JsonataTemplate? TimeoutSecondsTemplate { get; init; }

    public Payloads.JsonataTemplate? HeartbeatSecondsTemplate { get; init; }
}

/// <summary>
/// Calls a service through the host's <see cref="ITaskIntegration"/>, in one of the three integration patterns,
/// publishing TaskScheduled, TaskStarted, (TaskSubmitted,) then TaskSucceeded / TaskFailed / TaskTimedOut.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
/// </summary>
internal sealed partial class TaskState(StateFields fields, string resource, TaskTimeouts timeouts) : ExecutionState(fields)
{
    /// <summary>AWS's default TimeoutSeconds for a Task: 99999999 s.</summary>
    private const long DefaultTimeoutSeconds = 99_999_999;

    private const long MaxTimerSeconds = 4_000_000;

    private readonly IntegrationPattern _pattern = resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal)
        ? IntegrationPattern.WaitForTaskToken
        : resource.EndsWith(".sync", StringComparison.Ordinal) || resource.Contains(".sync:", StringComparison.Ordinal)
            ? IntegrationPattern.Sync
            : IntegrationPattern.RequestResponse;

    /// <summary>.sync or .waitForTaskToken: the task is not done when the call returns.</summary>
    public bool WaitsForCompletion => _pattern != IntegrationPattern.RequestResponse;

    /// <summary>JSONPath: InputPath here, Parameters once the task token exists; JSONata: Arguments, likewise later.</summary>
    protected override JsonNode? PrepareInput(Frame frame, JsonNode? input) =>
        Fields.IsJsonata ? input : Inspect(frame, "afterInputPath", Select(frame, Fields.InputPath, input, "InputPath"));

    protected override async Task<(JsonNode? Result, Failure? Failure)> AttemptAsync(Frame frame, JsonNode? input, JsonNode? effectiveInput)
    {
        if (IsActivity)
        {
            return await RunActivityAsync(frame, effectiveInput).ConfigureAwait(false);
        }

        var integration = frame.Run.Integration
            ?? throw new FailureException(ErrorNames.Runtime, $"No task integration is configured to run '{resource}'.");
        TaskTokenRegistry.Waiter? waiter = null;
        if (_pattern == IntegrationPattern.WaitForTaskToken)
        {
            waiter = frame.Run.Tokens.Issue(frame.Run.Identity.ExecutionArn, Name, frame.Run.Time);
            frame.SetContext("Task", new JsonObject { ["Token"] = waiter.Token });
        }

        var call = Schedule(frame, effectiveInput);

        // Timers cannot run past ~49 days; AWS's default timeout (~3 years) simply never fires here.
        using var timer = call.Timeout < MaxTimerSeconds
            ? new CancellationTokenSource(TimeSpan.FromSeconds(call.Timeout), frame.Run.Time)
            : new CancellationTokenSource();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation, timer.Token);
        try
        {
            return await InvokeAsync(frame, integration, call, waiter, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !frame.Cancellation.IsCancellationRequested)
        {
            waiter?.Let(frame.Run.Tokens, TaskTokenResponse.TaskTimedOut);
            return TimedOut(frame, call, ErrorNames.Timeout, $"The task '{Name}' did not finish within its TimeoutSeconds of {call.Timeout}.");
        }
        catch (HeartbeatMissedException)
        {
            waiter?.Let(frame.Run.Tokens, TaskTokenResponse.TaskTimedOut);
            return TimedOut(frame, call, ErrorNames.HeartbeatTimeout, $"The task '{Name}' sent no heartbeat within its HeartbeatSeconds of {call.Heartbeat}.");
        }
    }

    /// <summary>TestState's mock: the call's parameters are resolved (and inspected) as for a real call, which is not made.</summary>
    protected override (JsonNode? Result, Failure? Failure) Mocked(Frame frame, JsonNode? effectiveInput, StateMock mock)
    {
        _ = Fields.IsJsonata ? ResolveJsonata(frame, effectiveInput) : ResolveJsonPath(frame, effectiveInput);
        return base.Mocked(frame, effectiveInput, mock);
    }

    /// <summary>Resolves the call's parameters and timeouts, and records TaskScheduled and TaskStarted.</summary>
    private TaskCall Schedule(Frame frame, JsonNode? effectiveInput)
    {
        var (parameters, timeout, heartbeat) = Fields.IsJsonata ? ResolveJsonata(frame, effectiveInput) : ResolveJsonPath(frame, effectiveInput);
        var (resourceType, resourceName) = Split(resource);
        var call = new TaskCall(resourceType, resourceName, parameters, timeout ?? DefaultTimeoutSeconds, heartbeat);
        var scheduled = new JsonObject
        {
            ["resourceType"] = resourceType,
            ["resource"] = resourceName,
            ["region"] = Region(frame.Run.Identity.ExecutionArn),
            ["parameters"] = JsonText.Serialize(parameters),
            ["timeoutInSeconds"] = call.Timeout,
        };
        if (heartbeat is { } hb)
        {
            scheduled["heartbeatInSeconds"] = hb;
        }

        frame.AddEvent("TaskScheduled", "taskScheduledEventDetails", scheduled);
        frame.AddEvent("TaskStarted", "taskStartedEventDetails", call.ResourceDetails());
        return call;
    }

    /// <summary>JSONPath: Parameters over the input (after InputPath); timeouts literal or from their *Path.</summary>
    private (JsonNode? Parameters, long? Timeout, long? Heartbeat) ResolveJsonPath(Frame frame, JsonNode? effectiveInput)
    {
        var scope = new StateScope(frame, effectiveInput);
        var parameters = Fields.Parameters is null ? effectiveInput : Payloads.PayloadTemplate.Evaluate(Fields.Parameters, scope);
        return (Inspect(frame, "afterParameters", parameters),
            Seconds(timeouts.TimeoutSeconds, timeouts.TimeoutSecondsPath, "TimeoutSecondsPath", scope),
            Seconds(timeouts.HeartbeatSeconds, timeouts.HeartbeatSecondsPath, "HeartbeatSecondsPath", scope));
    }

    /// <summary>JSONata: Arguments over <c>$states.input</c>; timeouts literal or from expressions.</summary>
    private (JsonNode? Parameters, long? Timeout, long? Heartbeat) ResolveJsonata(Frame frame, JsonNode? input)
    {
        var scope = new JsonataScope(frame, input);
        var parameters = Fields.Arguments is { } arguments ? arguments.Evaluate(scope, "Arguments") : input;
        return (Inspect(frame, "afterArguments", parameters),
            Seconds(timeouts.TimeoutSecondsTemplate, "TimeoutSeconds", scope) ?? timeouts.TimeoutSeconds,
            Seconds(timeouts.HeartbeatSecondsTemplate, "HeartbeatSeconds", scope) ?? timeouts.HeartbeatSeconds);
    }

    /// <summary>Calls the host; for .waitForTaskToken records TaskSubmitted and waits for the token's answer.</summary>
    private async Task<(JsonNode?, Failure?)> InvokeAsync(
        Frame frame, ITaskIntegration integration, TaskCall call, TaskTokenRegistry.Waiter? waiter, CancellationToken deadline)
    {
        var invocation = new TaskInvocation(resource, ServiceResource(resource), _pattern, call.Parameters, waiter?.Token, Name, frame.Run.Identity,
            TimeSpan.FromSeconds(call.Timeout), call.Heartbeat is { } h ? TimeSpan.FromSeconds(h) : null, null)
        {
            RevealSecrets = frame.Run.TestSetup?.RevealSecrets == true,
        };
        var response = await integration.InvokeAsync(invocation, deadline).ConfigureAwait(false);
        if (response.HttpInspection is { } http)
        {
            frame.Run.Inspection?.RecordHttp(http);
        }

        if (!response.Succeeded || waiter is null)
        {
            waiter?.Let(frame.Run.Tokens);
            return Finish(frame, call, response);
        }

        var submitted = call.ResourceDetails();
        submitted["output"] = JsonText.Serialize(response.Output);
        submitted["outputDetails"] = new JsonObject { ["truncated"] = false };
        frame.AddEvent("TaskSubmitted", "taskSubmittedEventDetails", submitted);
        var answer = await WaitForTokenAsync(frame, waiter, call.Heartbeat, deadline).ConfigureAwait(false);
        return Finish(frame, call, answer);
    }

    /// <summary>Waits for SendTaskSuccess/Failure; every SendTaskHeartbeat restarts the heartbeat clock.</summary>
    private static async Task<TaskResult> WaitForTokenAsync(Frame frame, TaskTokenRegistry.Waiter waiter, long? heartbeatSeconds, CancellationToken deadline)
    {
        if (heartbeatSeconds is not { } seconds)
        {
            return await waiter.Answer.Task.WaitAsync(deadline).ConfigureAwait(false);
        }

        var period = TimeSpan.FromSeconds(seconds);
        while (true)
        {
            var beat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnBeat() => beat.TrySetResult();
            waiter.Heartbeat += OnBeat;
            using var window = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            try
            {
                var expiry = Task.Delay(period, frame.Run.Time, window.Token);
                var first = await Task.WhenAny(waiter.Answer.Task, beat.Task, expiry).ConfigureAwait(false);
                if (first == waiter.Answer.Task)
                {
                    return await waiter.Answer.Task.ConfigureAwait(false);
                }

                if (first == expiry)
                {
                    await expiry.ConfigureAwait(false); // throws when the deadline, not the heartbeat, ended it
                    throw new HeartbeatMissedException();
                }
            }
            finally
            {
                waiter.Heartbeat -= OnBeat;
                await window.CancelAsync().ConfigureAwait(false); // releases this window's timer
            }
        }
    }

    private static (JsonNode?, Failure?) Finish(Frame frame, TaskCall call, TaskResult result)
    {
        var details = call.ResourceDetails();
        if (result.Succeeded)
        {
            details["output"] = JsonText.Serialize(result.Output);
            details["outputDetails"] = new JsonObject { ["truncated"] = false };
            frame.AddEvent("TaskSucceeded", "taskSucceededEventDetails", details);
            return (result.Output, null);
        }

        details["error"] = result.Error;
        if (result.Cause is not null)
        {
            details["cause"] = result.Cause;
        }

        frame.AddEvent("TaskFailed", "taskFailedEventDetails", details);
        return (null, new Failure(result.Error, result.Cause));
    }

    private static (JsonNode?, Failure?) TimedOut(Frame frame, TaskCall call, string error, string cause)
    {
        var details = call.ResourceDetails();
        details["error"] = error;
        details["cause"] = cause;
        frame.AddEvent("TaskTimedOut", "taskTimedOutEventDetails", details);
        return (null, new Failure(error, cause));
    }

    private static long? Seconds(long? literal, string? path, string field, StateScope scope)
    {
        if (path is null)
        {
            return literal;
        }

        var value = JsonPath.Select(path, scope);
        return JsonText.TryGetInteger(value, out var n) && n > 0
            ? n
            : throw new FailureException(ErrorNames.Runtime,
                $"The {field} field refers to value {JsonText.Serialize(value)} which is not a positive integer: {path}");
    }

    private static long? Seconds(Payloads.JsonataTemplate? template, string field, JsonataScope scope)
    {
        if (template is null)
        {
            return null;
        }

        var value = template.Evaluate(scope, field);
        return JsonText.TryGetInteger(value, out var n) && n > 0 ? n : throw Payloads.JsonataTypes.Unexpected(template, field, "integer", value);
    }

    /// <summary>"arn:aws:states:::ecs:runTask.waitForTaskToken" → ("ecs", "runTask.waitForTaskToken"); a Lambda ARN → ("lambda", its ARN).</summary>
    private static (string Type, string Name) Split(string arn)
    {
        const string Prefix = "arn:aws:states:::";
        if (arn.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var rest = arn[Prefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (rest, rest) : (rest[..colon], rest[(colon + 1)..]);
        }

        var parts = arn.Split(':');
        return (parts.Length > 2 ? parts[2] : "unknown", arn);
    }

    private static string ServiceResource(string arn)
    {
        foreach (var suffix in new[] { ".waitForTaskToken", ".sync:2", ".sync" })
        {
            if (arn.EndsWith(suffix, StringComparison.Ordinal))
            {
                return arn[..^suffix.Length];
            }
        }

        return arn;
    }

    private static string Region(string executionArn)
    {
        var parts = executionArn.Split(':');
        return parts.Length > 3 && parts[3].Length > 0 ? parts[3] : "us-east-1";
    }

    private sealed class HeartbeatMissedException : Exception;

    /// <summary>One call of the task: the resource's type and name as history events show them, what it is sent, its timeouts.</summary>
    private sealed record TaskCall(string ResourceType, string ResourceName, JsonNode? Parameters, long Timeout, long? Heartbeat)
    {
        public JsonObject ResourceDetails() => new() { ["resourceType"] = ResourceType, ["resource"] = ResourceName };
    }
}
