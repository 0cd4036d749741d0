namespace BatchKit.StatesLanguage.Executions;

/// <summary>Persisting a Map Run and making it again after the host restarts.</summary>
public sealed partial class MapRunRecord
{
    public MapRunSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new MapRunSnapshot(MapRunArn, ExecutionArn, StateName, StartDate, MaxConcurrency, ToleratedFailurePercentage, ToleratedFailureCount,
                Status, StopDate, Total, Running, Succeeded, Failed, [.. _children.Select(c => c.Snapshot())], RedriveCount);
        }
    }

    /// <summary>A Map Run that was running when the host stopped ends ABORTED; its running children count as failed.</summary>
    internal static MapRunRecord Restore(
        MapRunSnapshot snapshot, TimeProvider time, string interruptedCause, Func<ExecutionIdentity, IReadOnlyList<HistoryEvent>>? releasedHistory)
    {
        var record = new MapRunRecord(snapshot.MapRunArn, snapshot.ExecutionArn, snapshot.StateName, snapshot.StartDate, snapshot.MaxConcurrency,
            snapshot.ToleratedFailurePercentage, snapshot.ToleratedFailureCount)
        {
            Status = snapshot.Status,
            StopDate = snapshot.StopDate,
            Total = snapshot.Total,
            Succeeded = snapshot.Succeeded,
            Failed = snapshot.Failed + snapshot.Running,
            RedriveCount = snapshot.RedriveCount,
        };
        foreach (var child in snapshot.Children)
        {
            record.ChildLaunched(Execution.Restore(child, time, interruptedCause, releasedHistory));
        }

        if (snapshot.Status == "RUNNING")
        {
            record.End("ABORTED", time.GetUtcNow());
        }

        return record;
    }
}
