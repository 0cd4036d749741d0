using System.Net;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// The general purpose bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens, starting and ending
/// with a letter or digit, no two adjacent dots, not an IP address, none of the reserved prefixes and suffixes.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
/// </summary>
internal static partial class S3BucketName
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Null when <paramref name="bucket"/> is a valid name, else the rule it breaks.</summary>
    public static string? Problem(string bucket) => bucket switch
    {
        _ when !Characters().IsMatch(bucket) => "3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
        _ when bucket.Contains("..", StringComparison.Ordinal) => "no two adjacent periods",
        _ when bucket.Count(c => c == '.') == 3 && IPAddress.TryParse(bucket, out _) => "not formatted as an IP address",
        _ when ReservedPrefixes.FirstOrDefault(p => bucket.StartsWith(p, StringComparison.Ordinal)) is { } prefix =>
            $"not starting with the reserved prefix '{prefix}'",
        _ when ReservedSuffixes.FirstOrDefault(s => bucket.EndsWith(s, StringComparison.Ordinal)) is { } suffix =>
            $"not ending with the reserved suffix '{suffix}'",
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\z")]
    private static partial Regex Characters();
}
