namespace BatchKit.Emulator.Runtime;

/// <summary>
/// Starts ECS task containers and Lambda execution environments. Two kinds share this contract: <c>process</c> (the
/// image's command as a local child process, no Docker) and <c>container</c> (a real container of the image).
/// </summary>
internal interface IWorkloadLauncher
{
    /// <summary><c>process</c> or <c>container</c>: DescribeTasks and the logs say which one ran a task.</summary>
    string Kind { get; }

    /// <summary>
    /// Starts the workload. Throws <see cref="WorkloadStartException"/> when it cannot start (no such image, a missing
    /// executable), with ECS's reason.
    /// </summary>
    Task<IRunningWorkload> LaunchAsync(WorkloadSpec spec, CancellationToken cancellationToken);
}
