using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// Requires a well-formed Signature Version 4 authorization (header or presigned query) on every call, as AWS does,
/// and reads the service from its credential scope. Any access key is accepted and the signature itself is not
/// verified: the emulator runs with dummy credentials on loopback.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-auth-methods.html
/// </summary>
internal static class SigV4Authorization
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The signing service name (<c>s3</c>, <c>ssm</c>, <c>states</c>...), or throws the protocol's auth error.</summary>
    public static string? RequireService(HttpRequest request, bool s3)
    {
        if (request.Query.TryGetValue("X-Amz-Algorithm", out var algorithm))
        {
            var credential = request.Query["X-Amz-Credential"].ToString();
            if (algorithm != Algorithm || string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(request.Query["X-Amz-Signature"]))
            {
                throw Malformed(s3, "The presigned URL is missing X-Amz-Credential or X-Amz-Signature, or uses another algorithm than AWS4-HMAC-SHA256.");
            }

            return Scope(credential, s3);
        }

        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            throw s3
                ? new ServiceErrorException("AccessDenied", "Anonymous access is not allowed: sign the request with Signature Version 4 (any credentials work here).", 403)
                : new ServiceErrorException("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
        }

        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw Malformed(s3, $"Unsupported Authorization Type: expected {Algorithm}.");
        }

        var fields = header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var scope) || !fields.ContainsKey("SignedHeaders") || !fields.ContainsKey("Signature"))
        {
            throw Malformed(s3, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        return Scope(scope, s3);
    }

    private static string Scope(string credential, bool s3)
    {
        // AKID/yyyymmdd/region/service/aws4_request
        var parts = credential.Split('/');
        return parts.Length == 5 && parts[4] == "aws4_request"
            ? parts[3]
            : throw Malformed(s3, $"The credential scope '{credential}' is not AKID/date/region/service/aws4_request.");
    }

    private static ServiceErrorException Malformed(bool s3, string message) =>
        s3 ? new ServiceErrorException("AuthorizationHeaderMalformed", message, 400) : new ServiceErrorException("IncompleteSignatureException", message, 400);
}
