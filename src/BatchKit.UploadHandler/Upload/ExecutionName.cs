using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BatchKit.UploadHandler.Upload;

/// <summary>
/// The workflow execution's name for one upload: the day (readable in the console) and a hash of bucket, key and
/// ETag. S3 may deliver an event twice; the same upload always gets the same name, and Step Functions refuses a
/// second execution with a name in use, so a duplicate never starts a second run. A re-upload of the day has a new
/// ETag, so it gets a new run. Names are at most 80 characters of <c>[A-Za-z0-9-_]</c>.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html#StepFunctions-StartExecution-request-name
/// </summary>
internal static partial class ExecutionName
{
    private const int HashChars = 24;
    private const int MaxLength = 80;

    public static string For(string bucket, string key, string eTag, string day)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{bucket}\n{key}\n{eTag.Trim('"')}")))[..HashChars];
        var readable = Unsafe().Replace(day, "_");
        if (readable.Length > MaxLength - HashChars - 1)
        {
            readable = readable[..(MaxLength - HashChars - 1)];
        }

        return readable.Length == 0 ? hash : $"{readable}-{hash}";
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();
}
