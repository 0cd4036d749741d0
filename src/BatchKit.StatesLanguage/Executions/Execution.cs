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

    /// <summary>Completes when the execution reaches a terminal status (a redrive starts a new one).</summary>
    public Task Completion => _completion.Task;

    /// <summary>How many times RedriveExecution restarted it, and when last.</summary>
    public int RedriveCount { get; private set; }

    public DateTimeOffset? RedriveDate { get; private set; }

    internal ExecutionRun Run => _run;

    public IReadOnlyList<HistoryEvent> GetHistory() => _run.History.Snapshot();

    /// <summary>The Map Runs of this execution's Distributed Map states, oldest first.</summary>
    public IReadOnlyList<MapRunRecord> MapRuns => _run.MapRuns.ToArray();

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

        if (!Finish(ExecutionStatus.Aborted, null, error, cause, "ExecutionAborted", "executionAbortedEventDetails", details))
        {
            return false;
        }

        _run.Stop();
        return true;
    }

    internal void Succeed(JsonNode? output) =>
        Finish(ExecutionStatus.Succeeded, JsonText.Serialize(output), null, null, "ExecutionSucceeded", "executionSucceededEventDetails",
            new JsonObject { ["output"] = JsonText.Serialize(output), ["outputDetails"] = new JsonObject { ["truncated"] = false } });

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
        Finish(status, null, error, cause, type, key, details);
    }

    internal EventHistoryContext? RootHistory { get; set; }

    private bool Finish(ExecutionStatus status, string? output, string? error, string? cause, string eventType, string detailsKey, JsonObject details)
    {
        lock (_lock)
        {
            if (Status != ExecutionStatus.Running)
            {
                return false;
            }

            _run.History.Add(RootHistory!, eventType, detailsKey, details);
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
