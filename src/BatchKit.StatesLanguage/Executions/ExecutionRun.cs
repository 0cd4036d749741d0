namespace BatchKit.StatesLanguage.Executions;

/// <summary>What every frame of one execution shares: its history, clock, services, task tokens and stop signal.</summary>
/// <remarks>
/// The stop source has no timer, so it holds nothing to release; it lives as long as the execution's record, which
/// hosts keep for DescribeExecution, and disposing it would break late readers of the token.
/// </remarks>
#pragma warning disable CA1001
internal sealed class ExecutionRun(
    ExecutionIdentity identity,
    TimeProvider time,
    ITaskIntegration? integration,
    IItemReader? itemReader,
    IResultWriter? resultWriter,
    TaskTokenRegistry tokens,
    Action? historyChanged = null)
{
    private readonly CancellationTokenSource _stop = new();

    // Made on first use: most runs (every Distributed Map child of a Pass iterator) never retry nor start a Map Run,
    // and a Random seeds itself from the system (a Map Run of 10,000 children paid for 10,000 of them).
    private Random? _random;
    private System.Collections.Concurrent.ConcurrentQueue<MapRunRecord>? _mapRuns;

    public ExecutionIdentity Identity => identity;

    public TimeProvider Time => time;

    public EventHistory History { get; } = new(time, historyChanged);

    public ITaskIntegration? Integration => integration;

    public IItemReader? ItemReader => itemReader;

    public IResultWriter? ResultWriter => resultWriter;

    public TaskTokenRegistry Tokens => tokens;

    public CancellationToken Cancellation => _stop.Token;

    public Random Random => LazyInitializer.EnsureInitialized(ref _random);

    /// <summary>Set only for TestState: records the state's data flow and stops at the first retry.</summary>
    public StateInspection? Inspection { get; init; }

    /// <summary>Set only for TestState: its mock, context object and stateConfiguration.</summary>
    public StateTestSetup? TestSetup { get; init; }

    /// <summary>The Map Runs this execution's Distributed Map states started.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<MapRunRecord> MapRuns => LazyInitializer.EnsureInitialized(ref _mapRuns);

    /// <summary>The Map Runs so far, oldest first, without making the queue of a run that has none.</summary>
    public MapRunRecord[] MapRunsSoFar => Volatile.Read(ref _mapRuns)?.ToArray() ?? [];

    /// <summary>Where Task states with an activity ARN put their tasks for workers (null: activities are not served).</summary>
    public ActivityTaskQueue? Activities { get; init; }

    /// <summary>Where each unfinished frame stands, for RedriveExecution.</summary>
    public RedriveMemo Memo { get; private set; } = new();

    /// <summary>For a redrive: this fresh run takes over <paramref name="old"/>'s history, Map Runs and memo.</summary>
    public ExecutionRun WithPastOf(ExecutionRun old)
    {
        History.Restore(old.History.Snapshot());
        foreach (var mapRun in old.MapRunsSoFar)
        {
            MapRuns.Enqueue(mapRun);
        }

        Memo = old.Memo;
        return this;
    }

    public void Stop() => _stop.Cancel();

    /// <summary>A Distributed Map child's run: its own history and stop signal, the same clock, services and tokens.</summary>
    public ExecutionRun Child(ExecutionIdentity childIdentity) =>
        new(childIdentity, time, integration, itemReader, resultWriter, tokens, historyChanged) { Activities = Activities };
}
#pragma warning restore CA1001
