using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// A Task whose Resource is an activity ARN: the task waits in the run's <see cref="ActivityTaskQueue"/> until a worker
/// takes it with GetActivityTask, then for the worker's SendTaskSuccess / SendTaskFailure (SendTaskHeartbeat keeps it
/// alive), publishing ActivityScheduled, ActivityStarted, then ActivitySucceeded / ActivityFailed / ActivityTimedOut.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-activities.html
/// </summary>
internal sealed partial class TaskState
{
    private bool IsActivity => ActivityArn().IsMatch(resource);

    private async Task<(JsonNode?, Failure?)> RunActivityAsync(Frame frame, JsonNode? effectiveInput)
    {
        var (parameters, timeout, heartbeat) = Fields.IsJsonata ? ResolveJsonata(frame, effectiveInput) : ResolveJsonPath(frame, effectiveInput);
        var queue = frame.Run.Activities;
        if (queue is null || !queue.Exists(resource))
        {
            return ActivityEnded(frame, "ActivityScheduleFailed", "activityScheduleFailedEventDetails", "States.Runtime",
                $"Activity Does Not Exist: '{resource}'");
        }

        var waiter = frame.Run.Tokens.Issue(frame.Run.Identity.ExecutionArn, Name, frame.Run.Time);
        var input = JsonText.Serialize(parameters);
        frame.AddEvent("ActivityScheduled", "activityScheduledEventDetails", Scheduled(input, timeout, heartbeat));
        var task = new ActivityTask(resource, waiter.Token, input, worker => frame.AddEvent("ActivityStarted", "activityStartedEventDetails",
            worker is null ? [] : new JsonObject { ["workerName"] = worker }));
        queue.Enqueue(task);
        var seconds = timeout ?? DefaultTimeoutSeconds;
        using var timer = seconds < MaxTimerSeconds
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), frame.Run.Time)
            : new CancellationTokenSource();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation, timer.Token);
        try
        {
            var answer = await WaitForTokenAsync(frame, waiter, heartbeat, deadline.Token).ConfigureAwait(false);
            return answer.Succeeded
                ? ActivitySucceeded(frame, answer.Output)
                : ActivityEnded(frame, "ActivityFailed", "activityFailedEventDetails", answer.Error, answer.Cause);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !frame.Cancellation.IsCancellationRequested)
        {
            waiter.Let(frame.Run.Tokens, TaskTokenResponse.TaskTimedOut);
            return ActivityEnded(frame, "ActivityTimedOut", "activityTimedOutEventDetails", ErrorNames.Timeout,
                $"The activity task of '{Name}' did not finish within its TimeoutSeconds of {seconds}.");
        }
        catch (HeartbeatMissedException)
        {
            waiter.Let(frame.Run.Tokens, TaskTokenResponse.TaskTimedOut);
            return ActivityEnded(frame, "ActivityTimedOut", "activityTimedOutEventDetails", ErrorNames.HeartbeatTimeout,
                $"The activity task of '{Name}' sent no heartbeat within its HeartbeatSeconds of {heartbeat}.");
        }
        catch (OperationCanceledException)
        {
            waiter.Let(frame.Run.Tokens); // the execution stopped: a late answer is TaskDoesNotExist
            throw;
        }
        finally
        {
            queue.Withdraw(task);
        }
    }

    private JsonObject Scheduled(string input, long? timeout, long? heartbeat)
    {
        var details = new JsonObject { ["resource"] = resource, ["input"] = input, ["inputDetails"] = new JsonObject { ["truncated"] = false } };
        if (timeout is { } t)
        {
            details["timeoutInSeconds"] = t;
        }

        if (heartbeat is { } h)
        {
            details["heartbeatInSeconds"] = h;
        }

        return details;
    }

    private static (JsonNode?, Failure?) ActivitySucceeded(Frame frame, JsonNode? output)
    {
        frame.AddEvent("ActivitySucceeded", "activitySucceededEventDetails", new JsonObject
        {
            ["output"] = JsonText.Serialize(output),
            ["outputDetails"] = new JsonObject { ["truncated"] = false },
        });
        return (output, null);
    }

    private static (JsonNode?, Failure?) ActivityEnded(Frame frame, string type, string detailsKey, string? error, string? cause)
    {
        var details = new JsonObject();
        if (error is not null)
        {
            details["error"] = error;
        }

        if (cause is not null)
        {
            details["cause"] = cause;
        }

        frame.AddEvent(type, detailsKey, details);
        return (null, new Failure(error, cause));
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:activity:[^:]+\z")]
    private static partial Regex ActivityArn();
}
