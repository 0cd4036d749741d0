using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace BatchKit.Testcontainers;

/// <summary>
/// Testcontainers 4.x speaks Docker API 1.44 unless DOCKER_API_VERSION says otherwise; Debian bookworm's engine
/// (docker.io 20.10) tops out at 1.41. Ask the engine which version it speaks and say so, when nobody did.
/// Call it before Testcontainers first reads its settings (a static constructor of the fixture): every suite that
/// starts containers through this module on such an engine needs it, so it lives here rather than in one of them.
/// https://docs.docker.com/reference/api/engine/#api-version-matrix
/// </summary>
public static class EngineApiVersion
{
    public static void Announce()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is { Length: > 0 })
        {
            return;
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint("/var/run/docker.sock"), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { Timeout = TimeSpan.FromSeconds(5) };
        var version = JsonNode.Parse(http.GetStringAsync(new Uri("http://docker/version")).GetAwaiter().GetResult())!["ApiVersion"]!.GetValue<string>();
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", version);
    }
}
