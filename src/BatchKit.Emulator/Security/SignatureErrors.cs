using System.Globalization;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Security;

/// <summary>
/// The refusals of Signature Version 4 in the words of the service that refuses: S3's codes
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html) or the common ones of the JSON services
/// (https://docs.aws.amazon.com/general/latest/gr/signing-aws-api-requests.html, troubleshooting).
/// </summary>
internal sealed record SignatureErrors(ErrorDialect Dialect, bool Presigned = false)
{
    private bool S3 => Dialect == ErrorDialect.S3;

    public ServiceErrorException Missing() => S3
        ? new("AccessDenied", "Anonymous access is not allowed: sign the request with Signature Version 4.", 403)
        : new("MissingAuthenticationTokenException", "Missing Authentication Token", 403);

    public ServiceErrorException Unsupported(string scheme) => S3
        ? new("InvalidRequest", $"The authorization mechanism you have provided ('{scheme}') is not supported. Please use AWS4-HMAC-SHA256.", 400)
        : new("IncompleteSignatureException", $"Unsupported Authorization Type '{scheme}': use AWS4-HMAC-SHA256.", 400);

    public ServiceErrorException Incomplete(string message) => (S3, Presigned) switch
    {
        (true, true) => new("AuthorizationQueryParametersError", message, 400),
        (true, false) => new("AuthorizationHeaderMalformed", "The authorization header is malformed; " + message, 400),
        _ => new("IncompleteSignatureException", message, 400),
    };

    public ServiceErrorException WrongService(string service, string expected) => S3
        ? Incomplete($"incorrect service \"{service}\". This endpoint belongs to \"{expected}\".")
        : new("InvalidSignatureException", $"Credential should be scoped to correct service: '{expected}'. ", 403);

    /// <summary>As AWS does, the message carries the canonical request and string to sign it expected, to compare with the client's.</summary>
    public ServiceErrorException Mismatch(string canonicalRequest, string stringToSign) => S3
        ? new("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method."
            + $" (Canonical request: '{canonicalRequest}'; string to sign: '{stringToSign}'.)", 403)
        : new("InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
            + $"Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'{canonicalRequest}'\n\nThe "
            + $"String-to-Sign should have been\n'{stringToSign}'\n", 403);

    public ServiceErrorException PayloadHashMismatch() => S3
        ? new("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400)
        : new("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);

    /// <summary>More than 15 minutes between the request's time and the endpoint's clock.</summary>
    public ServiceErrorException Skewed(DateTimeOffset requestTime, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (S3)
        {
            return new("RequestTimeTooSkewed",
                $"The difference between the request time and the current time is too large. (request time {Amz(requestTime)}, server time {Amz(now)})", 403);
        }

        var minutes = ((int)maxSkew.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        return requestTime < now
            ? new("InvalidSignatureException",
                $"Signature expired: {Amz(requestTime)} is now earlier than {Amz(now - maxSkew)} ({Amz(now)} - {minutes} min.)", 403)
            : new("InvalidSignatureException",
                $"Signature not yet current: {Amz(requestTime)} is still later than {Amz(now + maxSkew)} ({Amz(now)} + {minutes} min.)", 403);
    }

    /// <summary>A presigned URL used after its X-Amz-Expires.</summary>
    public ServiceErrorException Expired(DateTimeOffset expiredAt, DateTimeOffset now) => S3
        ? new("AccessDenied", $"Request has expired (X-Amz-Expires ran out at {Amz(expiredAt)}, server time {Amz(now)}).", 403)
        : new("InvalidSignatureException", $"Signature expired: the presigned request ran out at {Amz(expiredAt)} ({Amz(now)} now).", 403);

    public ServiceErrorException NotYetValid(DateTimeOffset requestTime, DateTimeOffset now) => S3
        ? new("AccessDenied", $"Request is not yet valid (X-Amz-Date {Amz(requestTime)}, server time {Amz(now)}).", 403)
        : Skewed(requestTime, now, TimeSpan.FromMinutes(15));

    private static string Amz(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
