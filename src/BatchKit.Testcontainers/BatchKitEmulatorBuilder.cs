using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace BatchKit.Testcontainers;

/// <summary>
/// Builds a container of BatchKit's emulator (the batchkit/emulator image `make images` builds): S3, SSM, Step
/// Functions, ECS, Lambda and EventBridge on one port, ready once <c>/_batchkit/health</c> answers. It runs with host
/// networking, as every container here, and listens on 127.0.0.1 only: nothing is reachable from the network.
/// </summary>
public sealed class BatchKitEmulatorBuilder : ContainerBuilder<BatchKitEmulatorBuilder, BatchKitEmulatorContainer, BatchKitEmulatorConfiguration>
{
    /// <summary>The image `make images` builds from src/BatchKit.Emulator/Dockerfile.</summary>
    public const string EmulatorImage = "batchkit/emulator:0.1.0";

    /// <summary>LocalStack's port, the emulator's default; a builder takes a free one unless told (tests run several).</summary>
    public const int EmulatorPort = 4566;

    public const string HealthPath = "/_batchkit/health";

    private const string DockerSocket = "/var/run/docker.sock";

    public BatchKitEmulatorBuilder()
        : this(new BatchKitEmulatorConfiguration())
    {
        DockerResourceConfiguration = Init().DockerResourceConfiguration;
    }

    private BatchKitEmulatorBuilder(BatchKitEmulatorConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    protected override BatchKitEmulatorConfiguration DockerResourceConfiguration { get; }

    /// <summary>Listens on this port of 127.0.0.1 (4566 for a fixed endpoint; the default is a free port).</summary>
    public BatchKitEmulatorBuilder WithPort(int port) =>
        Merge(DockerResourceConfiguration, new BatchKitEmulatorConfiguration(port: port))
            .WithCommand("--port", port.ToString(CultureInfo.InvariantCulture));

    /// <summary>Keeps the emulator's data in a host directory (mounted at the same path; writable by uid 1654).</summary>
    public BatchKitEmulatorBuilder WithDataDirectory(string hostDirectory)
    {
        var path = Path.GetFullPath(hostDirectory);
        return Merge(DockerResourceConfiguration, new BatchKitEmulatorConfiguration(dataDirectory: path))
            .WithBindMount(path, path, AccessMode.ReadWrite)
            .WithCommand("--data-dir", path);
    }

    /// <summary>
    /// What runs ECS tasks: <c>process</c>, <c>container</c> or <c>auto</c>. The container runtime drives the host's
    /// engine through its socket, so that is mounted and the emulator runs as root to use it.
    /// </summary>
    public BatchKitEmulatorBuilder WithEcsRuntime(string runtime) => WithRuntime("--ecs-runtime", runtime);

    /// <summary>What runs provided.* Lambda functions: <c>process</c>, <c>container</c> or <c>auto</c>.</summary>
    public BatchKitEmulatorBuilder WithLambdaRuntime(string runtime) => WithRuntime("--lambda-runtime", runtime);

    /// <summary>Runs the emulator's clock <paramref name="scale"/> times faster (Wait states, back-off, timeouts, schedules).</summary>
    public BatchKitEmulatorBuilder WithTimeScale(double scale) =>
        double.IsFinite(scale) && scale > 0
            ? WithCommand("--time-scale", scale.ToString(CultureInfo.InvariantCulture))
            : throw new ArgumentException($"--time-scale {scale}: expected a number above 0 (1 is real time)", nameof(scale));

    private BatchKitEmulatorBuilder WithRuntime(string option, string runtime)
    {
        var builder = runtime is "process" or "container" or "auto"
            ? WithCommand(option, runtime)
            : throw new ArgumentException($"{option} '{runtime}' is not a runtime: use process, container or auto", nameof(runtime));
        return runtime == "process" ? builder : builder.WithBindMount(DockerSocket, DockerSocket).WithCreateParameterModifier(p => p.User = "0");
    }

    public override BatchKitEmulatorContainer Build()
    {
        Validate();
        return new BatchKitEmulatorContainer(DockerResourceConfiguration);
    }

    protected override BatchKitEmulatorBuilder Init() => base.Init()
        .WithImage(EmulatorImage)
        .WithPort(FreePort())
        .WithCreateParameterModifier(p =>
        {
            p.HostConfig ??= new HostConfig();
            p.HostConfig.NetworkMode = "host";
        })
        .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new UntilHealthy()));

    protected override void Validate()
    {
        base.Validate();
        if (DockerResourceConfiguration.Port is not (> 0 and < 65536))
        {
            throw new ArgumentException($"the emulator's port must be between 1 and 65535, not {DockerResourceConfiguration.Port}");
        }
    }

    protected override BatchKitEmulatorBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new BatchKitEmulatorConfiguration(resourceConfiguration));

    protected override BatchKitEmulatorBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new BatchKitEmulatorConfiguration(resourceConfiguration));

    protected override BatchKitEmulatorBuilder Merge(BatchKitEmulatorConfiguration oldValue, BatchKitEmulatorConfiguration newValue) =>
        new(new BatchKitEmulatorConfiguration(oldValue, newValue));

    /// <summary>A port of 127.0.0.1 nobody listens on now (the emulator binds it moments later).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ready when GET /_batchkit/health on its loopback port answers 200.</summary>
    private sealed class UntilHealthy : IWaitUntil
    {
        private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

        public async Task<bool> UntilAsync(DotNet.Testcontainers.Containers.IContainer container)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(((BatchKitEmulatorContainer)container).Endpoint, HealthPath)).ConfigureAwait(false);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
