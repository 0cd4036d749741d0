using System.Collections.Concurrent;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The task tokens of waiting <c>.waitForTaskToken</c> tasks. A token is answered once; answers after the task
/// ended are refused the way AWS refuses them.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html
/// </summary>
public sealed class TaskTokenRegistry
{
    private readonly ConcurrentDictionary<string, Waiter> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskTokenResponse> _closed = new(StringComparer.Ordinal);

    /// <summary>The tokens issued and not yet answered or released, oldest first: who waits, since when, last heartbeat.</summary>
    public IReadOnlyList<WaitingTaskToken> Waiting =>
        [.. _waiting.Values.Select(w => new WaitingTaskToken(w.Token, w.ExecutionArn, w.StateName, w.IssuedAt, w.LastHeartbeat)).OrderBy(w => w.IssuedAt)];

    internal Waiter Issue(string executionArn, string stateName, TimeProvider time)
    {
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var waiter = new Waiter(token, executionArn, stateName, time);
        _waiting[token] = waiter;
        return waiter;
    }

    internal void Close(string token, TaskTokenResponse reason)
    {
        _waiting.TryRemove(token, out _);
        _closed[token] = reason;
    }

    public TaskTokenResponse SendTaskSuccess(string token, System.Text.Json.Nodes.JsonNode? output) => Answer(token, TaskResult.Success(output));

    public TaskTokenResponse SendTaskFailure(string token, string? error, string? cause) => Answer(token, TaskResult.Failure(error ?? "", cause));

    public TaskTokenResponse SendTaskHeartbeat(string token)
    {
        if (_waiting.TryGetValue(token, out var waiter))
        {
            waiter.Beat();
            return TaskTokenResponse.Accepted;
        }

        return _closed.TryGetValue(token, out var reason) ? reason : TaskTokenResponse.InvalidToken;
    }

    private TaskTokenResponse Answer(string token, TaskResult result)
    {
        if (_waiting.TryRemove(token, out var waiter) && waiter.Answer.TrySetResult(result))
        {
            _closed[token] = TaskTokenResponse.TaskDoesNotExist;
            return TaskTokenResponse.Accepted;
        }

        return _closed.TryGetValue(token, out var reason) ? reason : TaskTokenResponse.InvalidToken;
    }

    /// <summary>One waiting task: its answer, who issued it, and the time of its last heartbeat.</summary>
    internal sealed class Waiter(string token, string executionArn, string stateName, TimeProvider time)
    {
        private long _lastHeartbeatTicks;

        public string Token => token;

        public string ExecutionArn => executionArn;

        public string StateName => stateName;

        public DateTimeOffset IssuedAt { get; } = time.GetUtcNow();

        public DateTimeOffset? LastHeartbeat =>
            Interlocked.Read(ref _lastHeartbeatTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

        public TaskCompletionSource<TaskResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public event Action? Heartbeat;

        public void Beat()
        {
            Interlocked.Exchange(ref _lastHeartbeatTicks, time.GetUtcNow().UtcTicks);
            Heartbeat?.Invoke();
        }

        /// <summary>Releases the token once its task ended without an answer (failed, timed out).</summary>
        public void Let(TaskTokenRegistry registry, TaskTokenResponse reason = TaskTokenResponse.TaskDoesNotExist) => registry.Close(token, reason);
    }
}
