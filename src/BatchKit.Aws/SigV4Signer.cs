using System.Globalization;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace BatchKit.Aws;

/// <summary>
/// Signs a request with Signature Version 4: the canonical request is built here (AWSSDK.Core keeps its own
/// canonicaliser internal); the string to sign, signing key and signature come from AWSSDK.Core's AWS4Signer.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
/// </summary>
internal static class SigV4Signer
{
    /// <summary>Adds X-Amz-Date, the session token if any, and Authorization to <paramref name="headers"/>.</summary>
    public static void Sign(
        string method, Uri url, IDictionary<string, string> headers, byte[] body,
        ImmutableCredentials credentials, string region, string service, DateTime utcNow)
    {
        headers["X-Amz-Date"] = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            headers["X-Amz-Security-Token"] = credentials.Token;
        }

        headers["Host"] = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (service == "s3")
        {
            headers["x-amz-content-sha256"] = bodyHash; // S3 requires the payload hash as a header
        }

        var sorted = new SortedDictionary<string, string>(headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.Trim()), StringComparer.Ordinal);
        var signedHeaders = string.Join(';', sorted.Keys);
        var canonical = string.Join('\n',
            method,
            CanonicalPath(url, s3: service == "s3"),
            CanonicalQuery(url),
            string.Concat(sorted.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            bodyHash);
        var result = AWS4Signer.ComputeSignature(credentials, region, utcNow, service, signedHeaders, canonical);
        headers["Authorization"] = result.ForAuthorizationHeader;
    }

    /// <summary>
    /// Signs a request message whose body is <paramref name="body"/>: Host, its Content-Type and its X-Amz-* headers
    /// are signed, and X-Amz-Date, the session token and Authorization are added to it.
    /// </summary>
    public static void Sign(HttpRequestMessage message, byte[] body, ImmutableCredentials credentials, string region, string service, DateTime utcNow)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers.Where(h => h.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase)))
        {
            headers[header.Key] = string.Join(',', header.Value);
        }

        if (message.Content?.Headers.ContentType is { } contentType)
        {
            headers["Content-Type"] = contentType.ToString();
        }

        Sign(message.Method.Method, message.RequestUri!, headers, body, credentials, region, service, utcNow);
        foreach (var (name, value) in headers.Where(h => h.Key is not ("Content-Type" or "Host")))
        {
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// The path as sent, each segment URI-encoded once more: every service but S3 signs the already-encoded path
    /// encoded again, so a function ARN sent as <c>arn%3Aaws</c> is signed as <c>arn%253Aaws</c>; S3 signs each
    /// segment encoded once (the key as it is).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-canonical-request
    /// </summary>
    private static string CanonicalPath(Uri url, bool s3)
    {
        var path = url.AbsolutePath;
        return path.Length == 0
            ? "/"
            : string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(s3 ? Uri.UnescapeDataString(segment) : segment)));
    }

    /// <summary>Query parameters sorted by name then value, each URI-encoded as SigV4 specifies.</summary>
    private static string CanonicalQuery(Uri url)
    {
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }

        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var kv = p.Split('=', 2);
            return (Key: Uri.EscapeDataString(Uri.UnescapeDataString(kv[0])), Value: kv.Length > 1 ? Uri.EscapeDataString(Uri.UnescapeDataString(kv[1])) : "");
        });
        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', sorted.Select(p => $"{p.Key}={p.Value}"));
    }
}
