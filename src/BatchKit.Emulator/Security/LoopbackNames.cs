using System.Net;

namespace BatchKit.Emulator.Security;

/// <summary>
/// Which names mean "this machine": <c>localhost</c>, any <c>*.localhost</c> (RFC 6761 reserves the name for
/// loopback, and S3 virtual-host requests use <c>bucket.localhost</c>), the 127.0.0.0/8 block and <c>[::1]</c>, each
/// also with the <c>sync-</c> prefix the SDKs put in front of Step Functions' host for TestState and
/// StartSyncExecution. Anything else in a Host header is a request meant for another server (or a DNS-rebinding page).
/// https://www.rfc-editor.org/rfc/rfc6761#section-6.3
/// </summary>
internal static class LoopbackNames
{
    private const string SyncPrefix = "sync-";

    /// <summary>True when a Host header's name (without the port) names this machine.</summary>
    public static bool IsLoopbackHost(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        if (name.StartsWith(SyncPrefix, StringComparison.Ordinal) && IsLoopbackName(name[SyncPrefix.Length..]))
        {
            return true;
        }

        return IsLoopbackName(name);
    }

    /// <summary>True when an Origin header names a page served from this machine (<c>http://localhost:3000</c>).</summary>
    public static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && IsLoopbackHost(uri.Host);

    private static bool IsLoopbackName(string name)
    {
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return true;
        }

        var literal = name.StartsWith('[') && name.EndsWith(']') ? name[1..^1] : name;
        return IPAddress.TryParse(literal, out var address) && IsLoopbackAddress(address);
    }

    private static bool IsLoopbackAddress(IPAddress address) =>
        IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4()));
}
