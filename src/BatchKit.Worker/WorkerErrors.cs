namespace BatchKit.Worker;

/// <summary>The error names the worker reports with SendTaskFailure, which the workflow's Retry and Catch match.</summary>
internal static class WorkerErrors
{
    /// <summary>Bad rows under the fail policy, or a store file that is not JSON.</summary>
    public const string InvalidData = "BatchKit.InvalidData";

    /// <summary>The object is missing or unreadable.</summary>
    public const string S3Error = "BatchKit.S3Error";

    /// <summary>A required environment variable is missing or malformed.</summary>
    public const string Configuration = "BatchKit.Configuration";

    /// <summary>Anything else: a bug or an environment fault.</summary>
    public const string Unexpected = "BatchKit.WorkerError";
}
