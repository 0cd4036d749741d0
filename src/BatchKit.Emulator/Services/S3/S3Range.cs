using System.Globalization;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// The Range header of GetObject, one byte range as S3 reads it: <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>.
/// A header that is not a single well-formed byte range is ignored and the whole object is sent (RFC 9110 §14.2; S3
/// serves one range per request); a well-formed range that starts past the end is 416 InvalidRange.
/// https://www.rfc-editor.org/rfc/rfc9110#name-range and https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
/// </summary>
internal static class S3Range
{
    /// <summary>The offset and length to send, or null for the whole object.</summary>
    public static (long Offset, long Length)? Read(string header, long size)
    {
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = header[6..].Split('-');
        if (parts.Length != 2 || !Digits(parts[0]) || !Digits(parts[1]) || (parts[0].Length == 0 && parts[1].Length == 0))
        {
            return null;
        }

        if (parts[0].Length == 0)
        {
            var suffix = Number(parts[1]);
            return suffix == 0 || size == 0 ? throw S3Errors.InvalidRange(header) : (Math.Max(0, size - suffix), Math.Min(suffix, size));
        }

        var start = Number(parts[0]);
        var end = parts[1].Length == 0 ? long.MaxValue : Number(parts[1]);
        if (end < start)
        {
            return null; // not a valid range-spec: ignored
        }

        return start >= size ? throw S3Errors.InvalidRange(header) : (start, Math.Min(end, size - 1) - start + 1);
    }

    private static bool Digits(string text) => text.All(char.IsAsciiDigit);

    /// <summary>Any run of digits; one too long for a long is simply past every object's end.</summary>
    private static long Number(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
}
