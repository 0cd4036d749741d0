using System.Security.Cryptography;
using System.Text;

namespace BatchKit.Emulator.Security;

/// <summary>
/// What a verified request was signed with: enough to check the signature of every chunk of an aws-chunked body,
/// each chaining on the one before, starting from the request's own (the seed).
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
/// </summary>
internal sealed class SigningContext(byte[] signingKey, string amzDate, string scope, string seedSignature)
{
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    public string AmzDate { get; } = amzDate;

    public string Scope { get; } = scope;

    public string SeedSignature { get; } = seedSignature;

    /// <summary>The signing key: HMAC-SHA256 chained over "AWS4"+secret, the date, the region, the service and "aws4_request".</summary>
    public static byte[] DeriveKey(string secretKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    public string Sign(string stringToSign) => Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>The signature a chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body must carry.</summary>
    public string ChunkSignature(string previousSignature, string chunkSha256Hex) =>
        Sign($"AWS4-HMAC-SHA256-PAYLOAD\n{AmzDate}\n{Scope}\n{previousSignature}\n{EmptyHash}\n{chunkSha256Hex}");

    /// <summary>The signature of the trailing headers of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body.</summary>
    public string TrailerSignature(string previousSignature, string trailerSha256Hex) =>
        Sign($"AWS4-HMAC-SHA256-TRAILER\n{AmzDate}\n{Scope}\n{previousSignature}\n{trailerSha256Hex}");

    public static bool SameSignature(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
}
