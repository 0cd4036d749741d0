namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Activity tasks scheduled by Task states whose Resource is an activity ARN, waiting for a worker's GetActivityTask.
/// A task goes to the longest-waiting poller of its activity, else waits in order; a task whose state ended (answered
/// elsewhere, timed out, execution stopped) is withdrawn. Thread-safe.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-activities.html
/// </summary>
public sealed class ActivityTaskQueue
{
    private readonly Dictionary<string, LinkedList<ActivityTask>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<ActivityTask>>> _pollers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Whether an activity exists (the host's activities); a Task state for one that does not fails to schedule.</summary>
    public Func<string, bool> Exists { get; init; } = _ => true;

    /// <summary>The tasks no worker has taken yet, per activity ARN.</summary>
    public int PendingCount(string activityArn)
    {
        lock (_lock)
        {
            return _pending.TryGetValue(activityArn, out var tasks) ? tasks.Count : 0;
        }
    }

    /// <summary>
    /// GetActivityTask: the next task of <paramref name="activityArn"/> (recording ActivityStarted with
    /// <paramref name="workerName"/>), or null when <paramref name="cancellationToken"/> ends the wait first.
    /// </summary>
    public async Task<ActivityTask?> PollAsync(string activityArn, string? workerName, CancellationToken cancellationToken)
    {
        TaskCompletionSource<ActivityTask> poller;
        lock (_lock)
        {
            if (_pending.TryGetValue(activityArn, out var tasks) && tasks.First is { } first)
            {
                tasks.RemoveFirst();
                first.Value.Start(workerName);
                return first.Value;
            }

            poller = new TaskCompletionSource<ActivityTask>(TaskCreationOptions.RunContinuationsAsynchronously);
            List(_pollers, activityArn).AddLast(poller);
        }

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                List(_pollers, activityArn).Remove(poller);
            }

            poller.TrySetCanceled(cancellationToken);
        }).ConfigureAwait(false);
        try
        {
            var task = await poller.Task.ConfigureAwait(false);
            task.Start(workerName);
            return task;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    internal void Enqueue(ActivityTask task)
    {
        lock (_lock)
        {
            var pollers = List(_pollers, task.ActivityArn);
            while (pollers.First is { } first)
            {
                pollers.RemoveFirst();
                if (first.Value.TrySetResult(task))
                {
                    return;
                }
            }

            List(_pending, task.ActivityArn).AddLast(task);
        }
    }

    /// <summary>Takes back a task no worker took (its state ended); a taken one is left to its worker.</summary>
    internal void Withdraw(ActivityTask task)
    {
        lock (_lock)
        {
            List(_pending, task.ActivityArn).Remove(task);
        }
    }

    private static LinkedList<T> List<T>(Dictionary<string, LinkedList<T>> lists, string key) =>
        lists.TryGetValue(key, out var list) ? list : lists[key] = new LinkedList<T>();
}

/// <summary>One scheduled activity task: its activity, the token the worker answers with, and its input (JSON text).</summary>
public sealed class ActivityTask(string activityArn, string taskToken, string input, Action<string?> started)
{
    private int _started;

    public string ActivityArn => activityArn;

    public string TaskToken => taskToken;

    public string Input => input;

    /// <summary>Records ActivityStarted once, when a worker takes the task.</summary>
    internal void Start(string? workerName)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            started(workerName);
        }
    }
}
