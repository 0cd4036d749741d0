using Amazon.Runtime;
using BatchKit.Aws;

namespace BatchKit.Testing;

/// <summary>
/// Raw HTTP requests signed as an SDK signs them, with BatchKit's own SigV4 signer (which the emulator's verifier
/// thereby checks), for the calls no typed client makes: hostile bodies, odd headers, REST paths.
/// </summary>
public static class SignedRequests
{
    public static async Task SignAsync(HttpRequestMessage request, string service, string secret = "test", DateTime? at = null)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        SigV4Signer.Sign(request, body, new ImmutableCredentials("test", secret, null), "us-east-1", service, at ?? DateTime.UtcNow);
    }

    /// <summary>A signed S3 request: <paramref name="pathAndQuery"/> as it goes on the wire (segments already encoded).</summary>
    public static async Task<HttpResponseMessage> S3Async(HttpClient http, Uri endpoint, HttpMethod method, string pathAndQuery, byte[]? body = null,
        Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        headers?.Invoke(request);
        await SignAsync(request, "s3");
        return await http.SendAsync(request);
    }
}
