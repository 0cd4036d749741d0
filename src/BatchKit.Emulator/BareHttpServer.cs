using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BatchKit.Emulator;

/// <summary>
/// Kestrel and nothing else, for the endpoint itself and each Lambda environment's Runtime API: no generic host, no
/// dependency injection, no configuration sources, no logging. Even the empty WebApplication builder spent about a third
/// of the Native AOT emulator's start-up CPU building and starting its host (the service provider made the open generics
/// of logging and options at run time), and the slim one also watched appsettings.json under the working directory: for
/// a Lambda environment started from the repository, an inotify watch on each of its 1,601 directories (issue 17).
/// https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel
/// </summary>
internal sealed class BareHttpServer : IAsyncDisposable
{
    /// <summary>How long a stop lets requests in flight finish, as the generic host's default ShutdownTimeout did.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);
    private readonly KestrelServer _server;
    private readonly Application _application;
    private bool _started;

    /// <summary>A server for <paramref name="url"/> (http://ADDRESS:PORT) that answers every request with <paramref name="handler"/>.</summary>
    public BareHttpServer(string url, RequestDelegate handler, Action<KestrelServerOptions>? configure = null)
    {
        var options = new KestrelServerOptions();
        configure?.Invoke(options);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        _server = new KestrelServer(Options.Create(options), transport, NullLoggerFactory.Instance);
        _server.Features.Get<IServerAddressesFeature>()!.Addresses.Add(url);
        _application = new Application(handler);
    }

    /// <summary>Where it listens once started, e.g. http://127.0.0.1:41234 (the port the system chose for port 0).</summary>
    public Uri Address => new(_server.Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync(_application, cancellationToken).ConfigureAwait(false);
        _started = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            using var timeout = new CancellationTokenSource(ShutdownTimeout);
            await _server.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        _server.Dispose();
    }

    /// <summary>What the host's HostingApplication does, less its logging, diagnostics and request services.</summary>
    private sealed class Application(RequestDelegate handler) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => handler(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
