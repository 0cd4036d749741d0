using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.States;

/// <summary>The timeouts of a Task: a literal number of seconds or a path to one.</summary>
internal sealed record TaskTimeouts(long? TimeoutSeconds, string? TimeoutSecondsPath, long? HeartbeatSeconds, string? HeartbeatSecondsPath);

/// <summary>
/// Calls a service through the host's <see cref="ITaskIntegration"/>, in one of the three integration patterns,
/// publishing TaskScheduled, TaskStarted, (TaskSubmitted,) then TaskSucceeded / TaskFailed / TaskTimedOut.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
/// </summary>
internal sealed class TaskState(StateFields fields, string resource, TaskTimeouts timeouts) : ExecutionState(fields)
{
    /// <summary>AWS's default TimeoutSeconds for a Task: 99999999 s.</summary>
    private const long DefaultTimeoutSeconds = 99_999_999;

    private const long MaxTimerSeconds = 4_000_000;

    private readonly IntegrationPattern _pattern = resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal)
        ? IntegrationPattern.WaitForTaskToken
        : resource.EndsWith(".sync", StringComparison.Ordinal) || resource.Contains(".sync:", StringComparison.Ordinal) ? IntegrationPattern.Sync : IntegrationPattern.RequestResponse;

    protected override JsonNode? PrepareInput(Frame frame, JsonNode? input) => Select(frame, Fields.InputPath, input, "InputPath");

    protected override async Task<(JsonNode? Result, Failure? Failure)> AttemptAsync(Frame frame, JsonNode? input, JsonNode? effectiveInput)
    {
        var integration = frame.Run.Integration
            ?? throw new FailureException(ErrorNames.Runtime, $"No task integration is configured to run '{resource}'.");
        TaskTokenRegistry.Waiter? waiter = null;
        if (_pattern == IntegrationPattern.WaitForTaskToken)
        {
            waiter = frame.Run.Tokens.Issue(frame.Run.Identity.ExecutionArn, Name, frame.Run.Time);
            frame.SetContext("Task", new JsonObject { ["Token"] = waiter.Token });
        }

        var scope = new StateScope(frame, effectiveInput);
        var parameters = Fields.Parameters is null ? effectiveInput : Payloads.PayloadTemplate.Evaluate(Fields.Parameters, scope);
        var timeout = Seconds(timeouts.TimeoutSeconds, timeouts.TimeoutSecondsPath, "TimeoutSecondsPath", scope) ?? DefaultTimeoutSeconds;
        var heartbeat = Seconds(timeouts.HeartbeatSeconds, timeouts.HeartbeatSecondsPath, "HeartbeatSecondsPath", scope);
        var (resourceType, resourceName) = Split(resource);

        var scheduled = new JsonObject
        {
            ["resourceType"] = resourceType,
            ["resource"] = resourceName,
            ["region"] = Region(frame.Run.Identity.ExecutionArn),
            ["parameters"] = JsonText.Serialize(parameters),
            ["timeoutInSeconds"] = timeout,
        };
        if (heartbeat is { } hb)
        {
            scheduled["heartbeatInSeconds"] = hb;
        }

        frame.AddEvent("TaskScheduled", "taskScheduledEventDetails", scheduled);
        frame.AddEvent("TaskStarted", "taskStartedEventDetails", new JsonObject { ["resourceType"] = resourceType, ["resource"] = resourceName });

        // Timers cannot run past ~49 days; AWS's default timeout (~3 years) simply never fires here.
        using var timer = timeout < MaxTimerSeconds ? new CancellationTokenSource(TimeSpan.FromSeconds(timeout), frame.Run.Time) : new CancellationTokenSource();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation, timer.Token);
        try
        {
            var invocation = new TaskInvocation(resource, ServiceResource(resource), _pattern, parameters, waiter?.Token, Name, frame.Run.Identity,
                TimeSpan.FromSeconds(timeout), heartbeat is { } h ? TimeSpan.FromSeconds(h) : null, null);
            var response = await integration.InvokeAsync(invocation, deadline.Token).ConfigureAwait(false);
            if (!response.Succeeded || waiter is null)
            {
                waiter?.Let(frame.Run.Tokens);
                return Finish(frame, resourceType, resourceName, response);
            }

            frame.AddEvent("TaskSubmitted", "taskSubmittedEventDetails", new JsonObject
            {
                ["resourceType"] = resourceType,
                ["resource"] = resourceName,
                ["output"] = JsonText.Serialize(response.Output),
                ["outputDetails"] = new JsonObject { ["truncated"] = false },
            });
            var answer = await WaitForTokenAsync(frame, waiter, heartbeat, deadline.Token).ConfigureAwait(false);
            return Finish(frame, resourceType, resourceName, answer);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !frame.Cancellation.IsCancellationRequested)
        {
            waiter?.Let(frame.Run.Tokens, TaskTokenResponse.TaskTimedOut);
            return TimedOut(frame, resourceType, resourceName, ErrorNames.Timeout, $"The task '{Name}' did not finish within its TimeoutSeconds of {timeout}.");
        }
        catch (HeartbeatMissedException)
        {
            waiter?.Let(frame.Run.Tokens, TaskTokenResponse.TaskTimedOut);
            return TimedOut(frame, resourceType, resourceName, ErrorNames.HeartbeatTimeout, $"The task '{Name}' sent no heartbeat within its HeartbeatSeconds of {heartbeat}.");
        }
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

    private static (JsonNode?, Failure?) Finish(Frame frame, string resourceType, string resourceName, TaskResult result)
    {
        if (result.Succeeded)
        {
            frame.AddEvent("TaskSucceeded", "taskSucceededEventDetails", new JsonObject
            {
                ["resourceType"] = resourceType,
                ["resource"] = resourceName,
                ["output"] = JsonText.Serialize(result.Output),
                ["outputDetails"] = new JsonObject { ["truncated"] = false },
            });
            return (result.Output, null);
        }

        var details = new JsonObject { ["resourceType"] = resourceType, ["resource"] = resourceName, ["error"] = result.Error };
        if (result.Cause is not null)
        {
            details["cause"] = result.Cause;
        }

        frame.AddEvent("TaskFailed", "taskFailedEventDetails", details);
        return (null, new Failure(result.Error, result.Cause));
    }

    private static (JsonNode?, Failure?) TimedOut(Frame frame, string resourceType, string resourceName, string error, string cause)
    {
        frame.AddEvent("TaskTimedOut", "taskTimedOutEventDetails", new JsonObject
        {
            ["resourceType"] = resourceType,
            ["resource"] = resourceName,
            ["error"] = error,
            ["cause"] = cause,
        });
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
            : throw new FailureException(ErrorNames.Runtime, $"The {field} field refers to value {JsonText.Serialize(value)} which is not a positive integer: {path}");
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
}
