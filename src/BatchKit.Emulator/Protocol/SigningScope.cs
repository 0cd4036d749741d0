using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The service a request was signed for, read from its SigV4 credential scope (<c>AKID/date/region/SERVICE/aws4_request</c>)
/// in the Authorization header or a presigned query, or null when it has none. Used to route, never to authorize.
/// </summary>
internal static class SigningScope
{
    public static string? Service(HttpRequest request) => Credential(request) is { Length: 5 } parts ? parts[3] : null;

    /// <summary>The access key id the request was signed with (STS answers GetCallerIdentity from it).</summary>
    public static string? AccessKey(HttpRequest request) => Credential(request) is { Length: 5 } parts ? parts[0] : null;

    private static string[]? Credential(HttpRequest request)
    {
        var credential = request.Query["X-Amz-Credential"].ToString();
        if (credential.Length == 0)
        {
            var header = request.Headers.Authorization.ToString();
            var start = header.IndexOf("Credential=", StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }

            var end = header.IndexOf(',', start);
            credential = header[(start + "Credential=".Length)..(end < 0 ? header.Length : end)];
        }

        return credential.Split('/');
    }
}
