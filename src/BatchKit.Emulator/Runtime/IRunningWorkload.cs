namespace BatchKit.Emulator.Runtime;

/// <summary>A started workload: its id (a pid or a container id), its end, and a way to stop it.</summary>
internal interface IRunningWorkload : IAsyncDisposable
{
    string Id { get; }

    /// <summary>Which runtime runs it, <c>process</c> or <c>container</c> (the <c>auto</c> runtime picks per workload).</summary>
    string Kind { get; }

    /// <summary>Completes when the workload has ended and its output has been delivered.</summary>
    Task<WorkloadExit> Exited { get; }

    /// <summary>Asks it to stop (SIGTERM), then kills it after <paramref name="grace"/>, as <c>docker stop</c> and ECS do.</summary>
    Task StopAsync(TimeSpan grace);
}
