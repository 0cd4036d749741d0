using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Security;

/// <summary>
/// The parts of a Signature Version 4 authorization, from the <c>Authorization</c> header or a presigned URL's query
/// (<c>X-Amz-Credential</c>, <c>X-Amz-Date</c>, <c>X-Amz-Expires</c>, <c>X-Amz-SignedHeaders</c>, <c>X-Amz-Signature</c>).
/// Anything missing, doubled or malformed is an IncompleteSignature error that names it.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
/// </summary>
internal sealed record SigV4Fields(
    bool Presigned, string Scope, string ScopeDate, string Region, string Service, string SignedHeaders, string Signature, string AmzDate,
    DateTimeOffset RequestTime, int? Expires)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The fields, or null when the request carries no authorization at all (anonymous).</summary>
    public static SigV4Fields? Read(HttpRequest request, SignatureErrors errors)
    {
        if (request.Query.ContainsKey("X-Amz-Algorithm") || request.Query.ContainsKey("X-Amz-Signature") || request.Query.ContainsKey("X-Amz-Credential"))
        {
            return FromQuery(request, errors with { Presigned = true });
        }

        var headers = request.Headers.Authorization;
        if (headers.Count == 0 || string.IsNullOrEmpty(headers.ToString()))
        {
            return null;
        }

        if (headers.Count > 1)
        {
            throw errors.Incomplete("The request carries more than one Authorization header.");
        }

        return FromHeader(request, headers.ToString(), errors);
    }

    private static SigV4Fields FromHeader(HttpRequest request, string header, SignatureErrors errors)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw errors.Unsupported(header.Split(' ')[0]);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2 || !fields.TryAdd(kv[0], kv[1]))
            {
                throw errors.Incomplete($"Authorization header has a malformed or repeated field '{part}'.");
            }
        }

        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(f => !fields.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw errors.Incomplete(string.Join(' ', missing.Select(f => $"Authorization header requires '{f}' parameter.")));
        }

        var (amzDate, time) = HeaderDate(request, errors);
        return Build(false, fields["Credential"], fields["SignedHeaders"], fields["Signature"], amzDate, time, null, errors);
    }

    private static SigV4Fields FromQuery(HttpRequest request, SignatureErrors errors)
    {
        var names = new[] { "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature" };
        var repeated = names.FirstOrDefault(n => request.Query[n].Count > 1);
        if (repeated is not null)
        {
            throw errors.Incomplete($"Query-string authentication has '{repeated}' more than once.");
        }

        var missing = names.Where(n => string.IsNullOrEmpty(request.Query[n])).ToList();
        if (missing.Count > 0)
        {
            throw errors.Incomplete($"Query-string authentication version 4 requires the {string.Join(", ", missing)} parameters.");
        }

        if (request.Query["X-Amz-Algorithm"] != Algorithm)
        {
            throw errors.Unsupported(request.Query["X-Amz-Algorithm"].ToString());
        }

        var expiresText = request.Query["X-Amz-Expires"].ToString();
        if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires > 604_800)
        {
            throw errors.Incomplete($"X-Amz-Expires must be a whole number of seconds, at most 604800 (a week); got '{expiresText}'.");
        }

        var amzDate = request.Query["X-Amz-Date"].ToString();
        var time = ParseAmzDate(amzDate) ?? throw errors.Incomplete($"X-Amz-Date must be in ISO 8601 basic format (yyyyMMddTHHmmssZ); got '{amzDate}'.");
        return Build(
            true, request.Query["X-Amz-Credential"].ToString(), request.Query["X-Amz-SignedHeaders"].ToString(), request.Query["X-Amz-Signature"].ToString(),
            amzDate, time, expires, errors);
    }

    private static SigV4Fields Build(
        bool presigned, string credential, string signedHeaders, string signature, string amzDate, DateTimeOffset time, int? expires, SignatureErrors errors)
    {
        // AKID/yyyymmdd/region/service/aws4_request
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[4] != "aws4_request" || parts.Take(4).Any(p => p.Length == 0))
        {
            throw errors.Incomplete($"The credential '{credential}' is not of the form ACCESS_KEY_ID/yyyymmdd/region/service/aws4_request.");
        }

        if (parts[1] != amzDate[..8])
        {
            throw errors.Incomplete($"The date in the credential scope ('{parts[1]}') is not the date of the request ('{amzDate[..8]}', from {amzDate}).");
        }

        if (!signedHeaders.Split(';').Contains("host", StringComparer.Ordinal))
        {
            throw errors.Incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        return new SigV4Fields(presigned, string.Join('/', parts[1..]), parts[1], parts[2], parts[3], signedHeaders, signature, amzDate, time, expires);
    }

    /// <summary>X-Amz-Date, or failing that the HTTP Date header, which SigV4 allows.</summary>
    private static (string AmzDate, DateTimeOffset Time) HeaderDate(HttpRequest request, SignatureErrors errors)
    {
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length > 0)
        {
            return (amzDate, ParseAmzDate(amzDate) ?? throw errors.Incomplete(
                $"X-Amz-Date must be in ISO 8601 basic format (yyyyMMddTHHmmssZ); got '{amzDate}'."));
        }

        var date = request.Headers.Date.ToString();
        if (DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return (parsed.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture), parsed);
        }

        throw errors.Incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    private static DateTimeOffset? ParseAmzDate(string text) =>
        DateTimeOffset.TryParseExact(
            text, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
