namespace BatchKit.Contracts;

/// <summary>The S3 key layout of a sales bucket, shared by the Lambda, the worker, the workflow and the CLI.</summary>
public static class BucketPrefixes
{
    /// <summary>Daily zips land here; the bucket notification fires only for <c>uploads/*.zip</c>.</summary>
    public const string Uploads = "uploads/";

    /// <summary>The upload handler writes each store file of day <c>D</c> to <c>processed/D/</c>.</summary>
    public const string Processed = "processed/";

    /// <summary>The workflow writes the day's summary to <c>reports/D/summary.json</c>.</summary>
    public const string Reports = "reports/";
}
