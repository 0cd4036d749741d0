using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BatchKit.Contracts;

/// <summary>
/// The workflow execution's name for one upload: the day (readable in the console) and a hash of bucket, key and
/// ETag. S3 may deliver an event twice; the same upload always gets the same name, and Step Functions refuses a
/// second execution with a name in use, so a duplicate never starts a second run. A re-upload of the day has a new
/// ETag, so it gets a new run. Names are at most 80 characters of <c>[A-Za-z0-9-_]</c>.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html#StepFunctions-StartExecution-request-name
/// </summary>
public static partial class ExecutionNames
{
    private const int HashChars = 24;
    private const int MaxLength = 80;

    public static string For(string bucket, string key, string eTag, string day)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{bucket}\n{key}\n{eTag.Trim('"')}")))[..HashChars];
        var readable = Readable(day);
        return readable.Length == 0 ? hash : $"{readable}-{hash}";
    }

    /// <summary>The ARN of the execution <paramref name="name"/> of a state machine (as StartExecution returns it).</summary>
    public static string ExecutionArn(string stateMachineArn, string name) =>
        stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    /// <summary>
    /// True when <paramref name="executionName"/> is the run of an upload of <paramref name="day"/>
    /// (not of a day whose name merely starts the same).
    /// </summary>
    public static bool IsForDay(string executionName, string day)
    {
        var readable = Readable(day);
        return executionName.Length == (readable.Length == 0 ? HashChars : readable.Length + 1 + HashChars)
            && executionName.StartsWith(readable.Length == 0 ? "" : readable + "-", StringComparison.Ordinal)
            && Hash().IsMatch(executionName[^HashChars..]);
    }

    private static string Readable(string day)
    {
        var readable = Unsafe().Replace(day, "_");
        return readable.Length > MaxLength - HashChars - 1 ? readable[..(MaxLength - HashChars - 1)] : readable;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex Hash();
}
