namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// An execution as a host persists it: what DescribeExecution, GetExecutionHistory and the Map Run operations report.
/// <see cref="Execution.Restore"/> makes a read-only execution of it again after the host restarts. With
/// <see cref="ReleasedEvents"/> set, <see cref="History"/> is empty: the host released that many events and keeps them.
/// </summary>
public sealed record ExecutionSnapshot(
    ExecutionIdentity Identity,
    string Input,
    DateTimeOffset StartDate,
    ExecutionStatus Status,
    DateTimeOffset? StopDate,
    string? Output,
    string? Error,
    string? Cause,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<MapRunSnapshot> MapRuns,
    int RedriveCount = 0,
    DateTimeOffset? RedriveDate = null,
    RedriveMemoSnapshot? Memo = null,
    int? ReleasedEvents = null);

/// <summary>A Map Run as a host persists it, with its child executions.</summary>
public sealed record MapRunSnapshot(
    string MapRunArn,
    string ExecutionArn,
    string StateName,
    DateTimeOffset StartDate,
    int MaxConcurrency,
    double ToleratedFailurePercentage,
    long ToleratedFailureCount,
    string Status,
    DateTimeOffset? StopDate,
    long Total,
    long Running,
    long Succeeded,
    long Failed,
    IReadOnlyList<ExecutionSnapshot> Children,
    int RedriveCount = 0);
