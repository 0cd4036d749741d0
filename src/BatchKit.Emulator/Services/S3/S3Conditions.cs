using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Conditional requests as S3 evaluates them (RFC 9110 §13): on GET and HEAD, If-Match and If-Unmodified-Since fail
/// with 412 PreconditionFailed, If-None-Match and If-Modified-Since answer 304 Not Modified; on PUT and
/// CompleteMultipartUpload, If-None-Match: * refuses to overwrite (an ETag there refuses to overwrite that version)
/// and If-Match: ETag refuses to replace another version.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-requests.html
/// </summary>
internal static class S3Conditions
{
    /// <summary>True when the answer is 304 Not Modified; throws PreconditionFailed when a condition fails.</summary>
    public static bool NotModified(HttpRequest request, S3ObjectMetadata metadata)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && !Matches(ifMatch, metadata.ETag))
        {
            throw S3Errors.PreconditionFailed($"If-Match {ifMatch} (the object's ETag is {metadata.ETag})");
        }

        if (ifMatch.Length == 0 && Date(request.Headers.IfUnmodifiedSince) is { } unmodifiedSince && Seconds(metadata.LastModified) > unmodifiedSince)
        {
            throw S3Errors.PreconditionFailed($"If-Unmodified-Since {request.Headers.IfUnmodifiedSince} (modified {S3Xml.Http(metadata.LastModified)})");
        }

        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return Matches(ifNoneMatch, metadata.ETag);
        }

        return Date(request.Headers.IfModifiedSince) is { } modifiedSince && Seconds(metadata.LastModified) <= modifiedSince;
    }

    /// <summary>Conditional writes: checked before the upload is read and again just before it is committed.</summary>
    public static void CheckWrite(HttpRequest request, S3ObjectMetadata? existing, string key)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && existing is not null && Matches(ifNoneMatch, existing.ETag))
        {
            throw S3Errors.PreconditionFailed($"If-None-Match {ifNoneMatch} (the key {key} exists with ETag {existing.ETag})");
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && existing is null)
        {
            throw S3Errors.NoSuchKey(key);
        }

        if (ifMatch.Length > 0 && !Matches(ifMatch, existing!.ETag))
        {
            throw S3Errors.PreconditionFailed($"If-Match {ifMatch} (the object's ETag is {existing.ETag})");
        }
    }

    private static bool Matches(string header, string eTag) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == "*" || Bare(tag) == Bare(eTag));

    private static string Bare(string tag) => (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag).Trim('"');

    /// <summary>HTTP dates have whole seconds; an unreadable date is ignored, as RFC 9110 says.</summary>
    private static DateTimeOffset? Date(string? header) =>
        DateTimeOffset.TryParseExact(header, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
