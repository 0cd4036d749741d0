using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// The launchers an emulator runs its ECS tasks and Lambda environments with, as <c>--ecs-runtime</c> and
/// <c>--lambda-runtime</c> chose. When a choice needs Docker, the engine is asked at start: the container runtime
/// without an engine refuses to start (one clear line), and containers that crashed emulators left are removed.
/// Disposing removes whatever containers this emulator still has.
/// </summary>
internal sealed class WorkloadRuntimes : IAsyncDisposable
{
    private readonly ProcessLauncher _process;
    private readonly DockerEngine? _engine;
    private readonly string _owner = EmulatorInstance.NewId();

    private WorkloadRuntimes(EmulatorOptions options, DataDirectory data, DockerEngine? engine)
    {
        _process = new ProcessLauncher(options.EcsImageCommands, new ChildProcessRegistry(data));
        _engine = engine;
        var container = engine is null ? null : new ContainerLauncher(engine, _owner);
        Ecs = Choose(options.EcsRuntime, container);
        Lambda = Choose(options.LambdaRuntime, container);
    }

    public IWorkloadLauncher Ecs { get; }

    public IWorkloadLauncher Lambda { get; }

    public static async Task<WorkloadRuntimes> StartAsync(EmulatorOptions options, DataDirectory data, CancellationToken cancellationToken)
    {
        if (options is { EcsRuntime: RuntimeChoice.Process, LambdaRuntime: RuntimeChoice.Process })
        {
            return new WorkloadRuntimes(options, data, null);
        }

        var engine = new DockerEngine(options.DockerEndpoint);
        if (await engine.AnswersAsync(cancellationToken).ConfigureAwait(false))
        {
            await engine.RemoveLeftoversAsync(cancellationToken).ConfigureAwait(false);
            return new WorkloadRuntimes(options, data, engine);
        }

        engine.Dispose();
        var option = options.EcsRuntime == RuntimeChoice.Container ? "--ecs-runtime" : "--lambda-runtime";
        return options.EcsRuntime == RuntimeChoice.Container || options.LambdaRuntime == RuntimeChoice.Container
            ? throw new ContainerEngineUnavailableException(
                $"{option} container: no Docker engine answers at {options.DockerEndpoint}; start one with `make dockerd` (scripts/dockerd.sh start)")
            : new WorkloadRuntimes(options, data, null); // auto without an engine: processes only
    }

    private IWorkloadLauncher Choose(RuntimeChoice choice, ContainerLauncher? container) => (choice, container) switch
    {
        (RuntimeChoice.Container, not null) => container,
        (RuntimeChoice.Auto, not null) => new AutoLauncher(_engine!, container, _process),
        _ => _process,
    };

    public async ValueTask DisposeAsync()
    {
        _process.Dispose();
        if (_engine is not null)
        {
            // Each workload removes its own container when disposed; this catches any a failed start left behind.
            await _engine.RemoveOwnedByAsync(_owner, CancellationToken.None).ConfigureAwait(false);
            _engine.Dispose();
        }
    }
}
