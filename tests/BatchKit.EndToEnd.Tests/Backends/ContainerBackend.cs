using System.Globalization;
using BatchKit.Testcontainers;
using DotNet.Testcontainers.Configurations;

namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>
/// The batchkit/emulator image (`make images`) started through BatchKit.Testcontainers, as another suite would use it:
/// its data in the test's directory, ECS tasks as containers of the batchkit/worker image built from
/// src/BatchKit.Worker/Dockerfile (the task definition names it), host networking, so it reaches the in-process Slack
/// stub on 127.0.0.1 and the workers reach it. The Lambda runs as a process inside the emulator container: the suite's
/// function code is a launcher of the framework-dependent bootstrap this project built, which needs the .NET runtime
/// (the emulator image has it; a provided.al2023 execution environment, as on AWS, has none) and this project's output,
/// mounted read-only at the same path. The published, self-contained bootstrap runs in the Lambda container itself
/// (`make demo LAMBDA_RUNTIME=container`).
/// </summary>
internal sealed class ContainerBackend : IStackBackend
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private BatchKitEmulatorContainer? _container;

    static ContainerBackend() => TestcontainersSetup.Prepare();

    public async Task<Uri> StartAsync(StackBackendSettings settings, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the emulator container runs on a Linux engine with host networking");
        }

        // The emulator runs as root with the engine's socket (the container runtime); the data stays the test's to delete.
        File.SetUnixFileMode(settings.DataDirectory, (UnixFileMode)0b111_111_111);
        var builder = new BatchKitEmulatorBuilder()
            .WithDataDirectory(settings.DataDirectory)
            .WithEcsRuntime("container")
            .WithLambdaRuntime("process")
            .WithCommand("--max-tasks", 4.ToString(CultureInfo.InvariantCulture), "--slack-url", settings.SlackStubUrl.ToString());
        foreach (var directory in settings.HotReloadDirectories.Select(Path.TrimEndingDirectorySeparator))
        {
            // The cloud assembly's folder may not exist before the first synthesis, and a bind mount needs its source.
            Directory.CreateDirectory(directory);
            builder = builder.WithBindMount(directory, directory, AccessMode.ReadOnly).WithCommand("--allow-hot-reload", directory);
        }

        _container = builder.Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartDeadline);
        try
        {
            await _container.StartAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var (stdout, stderr) = await _container.GetLogsAsync(ct: CancellationToken.None);
            throw new TimeoutException($"the emulator container was not healthy within {StartDeadline.TotalSeconds:0} s; its output:\n{stdout}\n{stderr}");
        }

        return _container.Endpoint;
    }

    public string LambdaAssetDirectory(string testLauncher) => testLauncher;

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            // docker stop sends SIGTERM: the emulator stops and removes its task containers, then Testcontainers removes it.
            await _container.DisposeAsync();
        }
    }
}
