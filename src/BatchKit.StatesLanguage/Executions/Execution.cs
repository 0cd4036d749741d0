using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// One running or finished execution: its status, output or failure, history, and Map Runs. Thread-safe to read
/// while it runs. https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
/// </summary>
public sealed partial class Execution
{
    private ExecutionRun _run;
    private TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();

    internal Execution(ExecutionRun run, string input, DateTimeOffset startDate)
    {
        _run = run;
        Input = input;
        StartDate = startDate;
    }

    public ExecutionIdentity Identity => _run.Identity;

    public string Input { get; }

    public DateTimeOffset StartDate { get; }

    public ExecutionStatus Status { get; private set; } = ExecutionStatus.Running;

    public DateTimeOffset? StopDate { get; private set; }

    /// <summary>The output as JSON text, once SUCCEEDED.</summary>
    public string? Output { get; private set; }

    public string? Error { get; private set; }

    public string? Cause { get; private set; }

    /// <summary>Status, stop date, output, error and cause as one consistent reading (DescribeExecution, ListExecutions).</summary>
    public ExecutionOutcome Outcome
    {
        get
        {
            lock (_lock)
            {
                return new ExecutionOutcome(Status, StopDate, Output, Error, Cause);
            }
        }
    }

    /// <summary>Completes when the execution reaches a terminal status (a redrive starts a new one).</summary>
    public Task Completion => _completion.Task;

    /// <summary>How many times RedriveExecution restarted it, and when last.</summary>
    public int RedriveCount { get; private set; }

    public DateTimeOffset? RedriveDate { get; private set; }

    internal ExecutionRun Run => _run;

    public IReadOnlyList<HistoryEvent> GetHistory() => _run.History.Snapshot();

    /// <summary>How many events the history holds, without reading a released one back.</summary>
    public int HistoryCount => _run.History.Count;

    /// <summary>True when the host released the history (<see cref="ReleaseHistory"/>) and it is read back on demand.</summary>
    public bool HistoryReleased => _run.History.Released;

    /// <summary>
    /// Lets a finished execution's history leave memory once the host has written it: <paramref name="reload"/> reads it
    /// back for <see cref="GetHistory"/>, and a redrive takes it back before it adds events. False while it runs.
    /// </summary>
    public bool ReleaseHistory(Func<IReadOnlyList<HistoryEvent>> reload)
    {
        lock (_lock)
        {
            if (Status == ExecutionStatus.Running)
            {
                return false;
            }

            _run.History.Release(reload);
            return true;
        }
    }

    /// <summary>The Map Runs of this execution's Distributed Map states, oldest first.</summary>
    public IReadOnlyList<MapRunRecord> MapRuns => _run.MapRunsSoFar;

    /// <summary>
    /// StopExecution: aborts the run and records ExecutionAborted; false when it had already ended.
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html
    /// </summary>
    public bool Stop(string? error, string? cause)
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

        if (!Finish(ExecutionStatus.Aborted, null, error, cause, "ExecutionAborted", "executionAbortedEventDetails", JsonText.Serialize(details)))
        {
            return false;
        }

        _run.Stop();
        return true;
    }

    internal void Succeed(JsonNode? output)
    {
        var text = JsonText.Serialize(output);
        Finish(ExecutionStatus.Succeeded, text, null, null, "ExecutionSucceeded", "executionSucceededEventDetails", EventDetails.ExecutionSucceeded(text));
    }

    internal void Fail(string? error, string? cause, ExecutionStatus status = ExecutionStatus.Failed)
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

        var (type, key) = status == ExecutionStatus.TimedOut
            ? ("ExecutionTimedOut", "executionTimedOutEventDetails")
            : ("ExecutionFailed", "executionFailedEventDetails");
        Finish(status, null, error, cause, type, key, JsonText.Serialize(details));
    }

    internal EventHistoryContext? RootHistory { get; set; }

    private bool Finish(ExecutionStatus status, string? output, string? error, string? cause, string eventType, string detailsKey, string details)
    {
        lock (_lock)
        {
            if (Status != ExecutionStatus.Running)
            {
                return false;
            }

            _run.History.AddText(RootHistory!, eventType, detailsKey, details);
            Status = status;
            Output = output;
            Error = error;
            Cause = cause;
            StopDate = _run.Time.GetUtcNow();
        }

        _completion.TrySetResult();
        return true;
    }
}
