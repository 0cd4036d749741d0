using BatchKit.StatesLanguage.Errors;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>Persisting an execution and making it again after the host restarts.</summary>
public sealed partial class Execution
{
    /// <summary>
    /// The execution as it stands now (a running one's history so far); a released history (<see cref="ReleaseHistory"/>)
    /// is left out and counted in <see cref="ExecutionSnapshot.ReleasedEvents"/>, since the host that released it keeps it.
    /// </summary>
    public ExecutionSnapshot Snapshot()
    {
        lock (_lock)
        {
            var released = _run.History.Released;
            return new ExecutionSnapshot(Identity, Input, StartDate, Status, StopDate, Output, Error, Cause, released ? [] : GetHistory(),
                [.. MapRuns.Select(m => m.Snapshot())], RedriveCount, RedriveDate, _run.Memo.Snapshot(), released ? _run.History.Count : null);
        }
    }

    /// <summary>
    /// An execution from its snapshot, read-only until redriven: a finished one as it ended; one that was still running when the
    /// host stopped cannot go on (its tasks, timers and tokens were in the stopped process), so it fails with
    /// <c>States.Runtime</c> and <paramref name="interruptedCause"/>, recorded as its last history event, as do its
    /// running Map Run children. A history the host released (<see cref="ExecutionSnapshot.ReleasedEvents"/>, here or in a
    /// child) stays released and is read through <paramref name="releasedHistory"/>.
    /// </summary>
    public static Execution Restore(
        ExecutionSnapshot snapshot, TimeProvider time, string interruptedCause, Func<ExecutionIdentity, IReadOnlyList<HistoryEvent>>? releasedHistory = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var run = new ExecutionRun(snapshot.Identity, time, null, null, null, new TaskTokenRegistry());
        run.Memo.Load(snapshot.Memo);
        long last;
        if (snapshot.ReleasedEvents is { } released)
        {
            var read = releasedHistory
                ?? throw new InvalidOperationException($"the history of {snapshot.Identity.ExecutionArn} was released and no reader was given");
            run.History.Release(() => read(snapshot.Identity), released);
            last = released; // event ids run from 1 without gaps
        }
        else
        {
            run.History.Restore(snapshot.History);
            last = snapshot.History.Count == 0 ? 0 : snapshot.History[^1].Id;
        }

        var execution = new Execution(run, snapshot.Input, snapshot.StartDate)
        {
            RootHistory = new EventHistoryContext(last),
            RedriveCount = snapshot.RedriveCount,
            RedriveDate = snapshot.RedriveDate,
        };
        foreach (var mapRun in snapshot.MapRuns)
        {
            run.MapRuns.Enqueue(MapRunRecord.Restore(mapRun, time, interruptedCause, releasedHistory));
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
