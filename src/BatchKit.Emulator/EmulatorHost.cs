using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator;

/// <summary>
/// The emulator as a running endpoint: every service on one port (like LocalStack). Start it in-process (tests, the
/// CLI) or from Program.cs.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly BareHttpServer _server;
    private readonly EmulatorServices _services;
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmulatorHost(BareHttpServer server, EmulatorServices services, Uri serviceUrl)
    {
        _server = server;
        _services = services;
        ServiceUrl = serviceUrl;
    }

    /// <summary>The endpoint to give SDKs and the CLI, e.g. http://127.0.0.1:4566 (an IP literal keeps S3 path-style).</summary>
    public Uri ServiceUrl { get; }

    /// <summary>The services behind the endpoint (tests read which operations each implements).</summary>
    internal EmulatorServices Services => _services;

    /// <summary>The execution viewer, e.g. http://localhost:4566/_batchkit/ (the name a browser shows for this machine).</summary>
    public Uri ViewerUrl => ViewerLink(ServiceUrl);

    /// <summary>The viewer's address for an endpoint: localhost with the endpoint's port and <c>/_batchkit/</c>.</summary>
    public static Uri ViewerLink(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new UriBuilder(endpoint) { Host = endpoint.IsLoopback ? "localhost" : endpoint.Host, Path = Viewer.ViewerHandler.Root }.Uri;
    }

    /// <summary>
    /// Starts the emulator. Throws <see cref="ContainerEngineUnavailableException"/> when a container runtime was asked
    /// for and no Docker engine answers.
    /// </summary>
    public static Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Starts the emulator on another clock (tests move a fake one to fire schedules without waiting); the options'
    /// TimeScale runs on top of it.
    /// </summary>
    internal static async Task<EmulatorHost> StartAsync(EmulatorOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time = Runtime.ScaledTimeProvider.For(options.TimeScale, time);
        var data = new DataDirectory(options);
        var runtimes = await WorkloadRuntimes.StartAsync(options, data, cancellationToken).ConfigureAwait(false);
        var endpoint = new EmulatorEndpoint(options.SecretKey);
        var services = new EmulatorServices(options, data, runtimes, endpoint, time);
        var router = new RequestRouter(services);
        // No limit on request bodies: multipart parts and 64 MB objects.
        var server = new BareHttpServer($"http://{options.BindAddress}:{options.Port}", router.HandleAsync, k => k.Limits.MaxRequestBodySize = null);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        endpoint.Bind(server.Address);
        return new EmulatorHost(server, services, endpoint.Url);
    }

    /// <summary>Completes when the host is disposed; throws OperationCanceledException when the token is cancelled first.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _disposed.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _disposed.TrySetResult();
    }
}
