using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Testcontainers.LocalStack;

namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>
/// LocalStack through Testcontainers.LocalStack, for users who have it: the image and auth token come from the
/// environment (<see cref="BackendChoice"/>), nothing is pulled. Host networking, as every container here: its gateway
/// listens on a free port of 127.0.0.1, reaches the in-process Slack stub there, and runs the worker image and the
/// functions through the engine's socket. The functions' code is the published, self-contained bootstrap
/// (`make artifacts`), since LocalStack runs it in its own Lambda container. This machine cannot run LocalStack (no
/// image, no registry): this path is compiled and kept small; it is exercised where a token exists.
/// https://docs.localstack.cloud/references/configuration/
/// </summary>
internal sealed class LocalStackBackend(string image) : IStackBackend
{
    private const string DockerSocket = "/var/run/docker.sock";
    private LocalStackContainer? _container;

    static LocalStackBackend() => TestcontainersSetup.Prepare();

    public async Task<Uri> StartAsync(StackBackendSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
        _container = new LocalStackBuilder(image)
            .WithEnvironment(BackendChoice.LocalStackTokenVariable, Environment.GetEnvironmentVariable(BackendChoice.LocalStackTokenVariable))
            .WithEnvironment("GATEWAY_LISTEN", $"127.0.0.1:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}")
            .WithEnvironment("LAMBDA_DOCKER_NETWORK", "host")
            .WithEnvironment("ECS_DOCKER_FLAGS", "--network host")
            .WithBindMount(DockerSocket, DockerSocket)
            .WithCreateParameterModifier(p =>
            {
                p.HostConfig ??= new HostConfig();
                p.HostConfig.NetworkMode = "host";
            })
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/_localstack/health"), o => o.WithTimeout(TimeSpan.FromMinutes(2))))
            .Build();
        await _container.StartAsync(cancellationToken);
        return endpoint;
    }

    public string LambdaAssetDirectory(string testLauncher)
    {
        var published = Path.Combine(PipelineStack.RepositoryRoot(), "artifacts", "functions");
        return File.Exists(Path.Combine(published, "bootstrap"))
            ? published
            : throw new FileNotFoundException($"LocalStack runs the published bootstrap: {published}/bootstrap is missing (run `make artifacts`)");
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
