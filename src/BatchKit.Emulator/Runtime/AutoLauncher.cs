namespace BatchKit.Emulator.Runtime;

/// <summary>
/// The <c>auto</c> runtime: each workload runs as a container when the Docker engine answers and its image is present
/// locally, else as a process. The running workload says which one ran it (<see cref="IRunningWorkload.Kind"/>).
/// </summary>
internal sealed class AutoLauncher(DockerEngine engine, ContainerLauncher container, ProcessLauncher process) : IWorkloadLauncher
{
    public string Kind => "auto";

    public async Task<IRunningWorkload> LaunchAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var inContainer = await engine.AnswersAsync(cancellationToken).ConfigureAwait(false)
            && await engine.HasImageAsync(spec.Image, cancellationToken).ConfigureAwait(false);
        return await (inContainer ? container : (IWorkloadLauncher)process).LaunchAsync(spec, cancellationToken).ConfigureAwait(false);
    }
}
