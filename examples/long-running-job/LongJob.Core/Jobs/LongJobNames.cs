using System.Text.RegularExpressions;

namespace LongJob.Jobs;

/// <summary>
/// The names the example's parts share: where requests and archives live in the bucket, the table, the ECS task, the
/// function and the environment variables that carry them. The local deploy and the CDK stack use the same ones.
/// </summary>
public static partial class LongJobNames
{
    public const string Requests = "requests/";
    public const string Archives = "archives/";
    public const string Table = "long-running-job-requests";
    public const string Cluster = "long-running-job";
    public const string TaskFamily = "long-running-job-archiver";
    public const string Container = "archiver";
    public const string Function = "long-running-job-submit";
    public const string SubmitHandler = "submit";

    /// <summary>The worker image's name in the local deploy (the emulator maps it to the built worker).</summary>
    public const string LocalImage = "batchkit/long-running-job-archiver:local";

    // The submit function's environment.
    public const string TableVariable = "JOB_TABLE";
    public const string ClusterVariable = "JOB_CLUSTER";
    public const string TaskDefinitionVariable = "JOB_TASK_DEFINITION";
    public const string SubnetsVariable = "JOB_SUBNETS";

    // The task's environment: the table and sender from its definition, the request from RunTask's override.
    public const string RequestIdVariable = "JOB_REQUEST_ID";
    public const string SenderVariable = "JOB_SENDER";
    public const string LinkLifetimeVariable = "JOB_LINK_SECONDS";

    /// <summary>The request id of <c>requests/&lt;id&gt;.json</c>, or null for any other key.</summary>
    public static string? RequestIdOf(string key) =>
        RequestKey().Match(key) is { Success: true } match ? match.Groups[1].Value : null;

    public static string RequestKey(string requestId) => $"{Requests}{requestId}.json";

    public static string ArchiveKey(string requestId) => $"{Archives}{requestId}.zip";

    [GeneratedRegex("^requests/([A-Za-z0-9_-]{1,64})\\.json$")]
    private static partial Regex RequestKey();
}
