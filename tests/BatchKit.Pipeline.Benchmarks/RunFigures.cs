namespace BatchKit.Pipeline.Benchmarks;

/// <summary>One upload to SUCCEEDED, in seconds unless named otherwise, and where the time went.</summary>
internal sealed record RunFigures(string Runtime, string Status, bool Exact, double Total)
{
    public double Put { get; init; }

    /// <summary>Event, cold start, unzip to processed/ and StartExecution.</summary>
    public double Lambda { get; init; }

    public double SlackStarting { get; init; }

    public double Map { get; init; }

    /// <summary>The summary Lambda and the Slack results message.</summary>
    public double Summary { get; init; }

    /// <summary>Mean child execution (one store), and the worker's own aggregation time within it.</summary>
    public double PerStore { get; init; }

    public double PerStoreWork { get; init; }

    public double EmulatorPeakMiB { get; init; }

    /// <summary>The largest managed heap, and GC-committed memory, the emulator's health read-out showed during the run.</summary>
    public double EmulatorPeakGcHeapMiB { get; init; }

    public double EmulatorPeakGcCommittedMiB { get; init; }

    public double EmulatorCpu { get; init; }

    /// <summary>The ended workers' CPU when they were the emulator's children (process runtime); null for containers.</summary>
    public double? WorkerCpu { get; init; }
}
