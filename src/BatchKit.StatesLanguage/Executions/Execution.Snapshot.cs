using BatchKit.StatesLanguage.Errors;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>Persisting an execution and making it again after the host restarts.</summary>
public sealed partial class Execution
{
    /// <summary>The execution as it stands now (a running one's history so far).</summary>
    public ExecutionSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new ExecutionSnapshot(Identity, Input, StartDate, Status, StopDate, Output, Error, Cause, GetHistory(),
                [.. MapRuns.Select(m => m.Snapshot())], RedriveCount, RedriveDate, _run.Memo.Snapshot());
        }
    }

    /// <summary>
    /// An execution from its snapshot, read-only until redriven: a finished one as it ended; one that was still running when the
    /// host stopped cannot go on (its tasks, timers and tokens were in the stopped process), so it fails with
    /// <c>States.Runtime</c> and <paramref name="interruptedCause"/>, recorded as its last history event, as do its
    /// running Map Run children.
    /// </summary>
    public static Execution Restore(ExecutionSnapshot snapshot, TimeProvider time, string interruptedCause)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var run = new ExecutionRun(snapshot.Identity, time, null, null, null, new TaskTokenRegistry());
        run.Memo.Load(snapshot.Memo);
        run.History.Restore(snapshot.History);
        var last = snapshot.History.Count == 0 ? 0 : snapshot.History[^1].Id;
        var execution = new Execution(run, snapshot.Input, snapshot.StartDate)
        {
            RootHistory = new EventHistoryContext(last),
            RedriveCount = snapshot.RedriveCount,
            RedriveDate = snapshot.RedriveDate,
        };
        foreach (var mapRun in snapshot.MapRuns)
        {
            run.MapRuns.Enqueue(MapRunRecord.Restore(mapRun, time, interruptedCause));
        }

        if (snapshot.Status == ExecutionStatus.Running)
        {
            execution.Fail(ErrorNames.Runtime, interruptedCause);
        }
        else
        {
            execution.Status = snapshot.Status;
            execution.StopDate = snapshot.StopDate;
            execution.Output = snapshot.Output;
            execution.Error = snapshot.Error;
            execution.Cause = snapshot.Cause;
            execution._completion.TrySetResult();
        }

        run.Stop();
        return execution;
    }
}
