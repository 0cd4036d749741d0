using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace BatchKit.Deployment;

/// <summary>
/// The Slack webhook stub: WireMock.Net on 127.0.0.1 with BatchKit's mappings (<c>localstack/wiremock/mappings/</c>),
/// answering <c>POST /services/...</c> like Slack and keeping every request in its journal. Its admin API
/// (<c>/__admin</c>) is on, so <see cref="SlackStub"/> reads and steers it the same way whether it runs in a test's
/// process or in the background for <c>batchkit up</c> (<c>batchkit slack-stub</c>).
/// https://api.slack.com/messaging/webhooks#handling_errors
/// </summary>
public sealed class SlackStubServer : IDisposable
{
    /// <summary>Where the mappings live in the repository (the WireMock container of the LocalStack engine reads them too).</summary>
    public static readonly string MappingsFolder = Path.Combine("localstack", "wiremock", "mappings");

    private readonly WireMockServer _server;

    private SlackStubServer(WireMockServer server, int port)
    {
        _server = server;
        Client = SlackStub.Attach(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>The admin client for this stub, the same type that attaches to one running elsewhere.</summary>
    public SlackStub Client { get; }

    public Uri BaseUrl => Client.BaseUrl;

    /// <summary>
    /// Binds 127.0.0.1:<paramref name="port"/> (0: any free port, read back after binding, so there is no race for
    /// it), loads every mapping of <paramref name="mappingsDirectory"/>, and returns once it answers.
    /// </summary>
    public static SlackStubServer Start(string mappingsDirectory, int port, TextWriter? log = null)
    {
        if (port is < 0 or > 65535)
        {
            throw new SlackStubException($"port {port} is not a TCP port (0-65535; 0 picks a free one)");
        }

        var mappings = WireMockOrgMapping.LoadDirectory(mappingsDirectory); // a bad file fails before anything listens
        EnsureFree(port);
        WireMockServer server;
        try
        {
            server = WireMockServer.Start(new WireMockServerSettings
            {
                Urls = [$"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
                StartAdminInterface = true,
                ReadStaticMappings = false,
                Logger = log is null ? new WireMockNullLogger() : new SlackStubLogger(log),
            });
        }
        catch (Exception e) when (InUse(e))
        {
            throw InUseError(port, e);
        }

        foreach (var mapping in mappings)
        {
            mapping.Register(server);
        }

        return new SlackStubServer(server, server.Ports[0]);
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    /// <summary>
    /// WireMock.Net reports a taken port only when its start timeout (10 s) runs out, so a named port is tried first:
    /// the usual case (a stub left running) fails at once. Should the port be taken in between, the start still fails
    /// with the same message, only later.
    /// </summary>
    private static void EnsureFree(int port)
    {
        if (port == 0)
        {
            return;
        }

        using var probe = new TcpListener(IPAddress.Loopback, port);
        try
        {
            probe.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw InUseError(port, e);
        }
        finally
        {
            probe.Stop();
        }
    }

    private static SlackStubException InUseError(int port, Exception e) =>
        new($"the Slack stub cannot listen on 127.0.0.1:{port}: the port is already in use "
            + "(stop what holds it, e.g. `batchkit down`, or choose another port)", e);

    private static bool InUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
            {
                return true;
            }
        }

        return false;
    }
}
