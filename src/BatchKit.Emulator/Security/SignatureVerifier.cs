using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Security;

/// <summary>
/// Verifies Signature Version 4, in the Authorization header or a presigned URL, against the emulator's one secret
/// (<c>--secret-key</c>, <c>test</c> by default): any access key id is accepted as long as the signature verifies
/// with that secret, so the usual <c>test</c>/<c>test</c> set-ups keep working and a page that cannot sign is kept
/// out. The request's time must be within 15 minutes of the endpoint's clock; a presigned URL must not be past its
/// X-Amz-Expires. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
/// </summary>
internal sealed class SignatureVerifier(string secretKey, TimeProvider time)
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Checks the request and returns what it was signed with. <paramref name="payloadHash"/> is the hex SHA-256 of
    /// the body when the caller has it (JSON services read the whole body first), or null for S3, whose payload hash
    /// is the <c>x-amz-content-sha256</c> header (checked against the bytes as they stream in). A null
    /// <paramref name="expectedService"/> accepts any signing scope (a target no service owns is refused after).
    /// </summary>
    public SigningContext Verify(HttpRequest request, ErrorDialect dialect, string? expectedService, string? payloadHash)
    {
        var errors = new SignatureErrors(dialect);
        var fields = SigV4Fields.Read(request, errors) ?? throw errors.Missing();
        errors = errors with { Presigned = fields.Presigned };
        if (expectedService is not null && fields.Service != expectedService)
        {
            throw errors.WrongService(fields.Service, expectedService);
        }

        CheckTime(fields, errors);
        var signedPayload = SignedPayloadHash(request, fields, dialect, payloadHash, errors);
        var canonical = CanonicalRequest.Build(request, fields, dialect, signedPayload);
        var canonicalHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
        var stringToSign = $"{SigV4Fields.Algorithm}\n{fields.AmzDate}\n{fields.Scope}\n{canonicalHash}";
        var signingKey = SigningContext.DeriveKey(secretKey, fields.ScopeDate, fields.Region, fields.Service);
        var context = new SigningContext(signingKey, fields.AmzDate, fields.Scope, fields.Signature.ToLowerInvariant());
        if (!SigningContext.SameSignature(context.Sign(stringToSign), fields.Signature))
        {
            throw errors.Mismatch(canonical, stringToSign);
        }

        return context;
    }

    private void CheckTime(SigV4Fields fields, SignatureErrors errors)
    {
        var now = time.GetUtcNow();
        if (fields.Presigned)
        {
            var expiresAt = fields.RequestTime.AddSeconds(fields.Expires ?? 0);
            if (now > expiresAt)
            {
                throw errors.Expired(expiresAt, now);
            }

            if (fields.RequestTime > now + MaxSkew)
            {
                throw errors.NotYetValid(fields.RequestTime, now);
            }

            return;
        }

        if ((now - fields.RequestTime).Duration() > MaxSkew)
        {
            throw errors.Skewed(fields.RequestTime, now, MaxSkew);
        }
    }

    /// <summary>
    /// The payload hash the client signed: S3 names it in x-amz-content-sha256 (required with header auth; a
    /// presigned URL signs UNSIGNED-PAYLOAD); the other services sign the body's hash, which a header may repeat.
    /// </summary>
    private static string SignedPayloadHash(HttpRequest request, SigV4Fields fields, ErrorDialect dialect, string? bodyHash, SignatureErrors errors)
    {
        var header = request.Headers["x-amz-content-sha256"].ToString();
        if (dialect == ErrorDialect.S3)
        {
            if (header.Length > 0)
            {
                return header;
            }

            return fields.Presigned
                ? "UNSIGNED-PAYLOAD"
                : throw new Protocol.ServiceErrorException("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400);
        }

        if (header.Length > 0 && bodyHash is not null && header != "UNSIGNED-PAYLOAD" && !string.Equals(header, bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            throw errors.PayloadHashMismatch();
        }

        return header.Length > 0 ? header : bodyHash ?? "UNSIGNED-PAYLOAD";
    }
}
