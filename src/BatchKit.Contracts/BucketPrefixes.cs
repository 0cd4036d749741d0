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

    /// <summary><c>processed/D/</c>: the prefix of day D's store files (the workflow's <c>bucket_path</c>).</summary>
    public static string ProcessedDay(string day) => $"{Processed}{day}/";

    /// <summary>The day a <c>bucket_path</c> like <c>processed/D/</c> names, or null when it is not under processed/.</summary>
    public static string? DayOf(string bucketPath)
    {
        var trimmed = bucketPath.TrimEnd('/');
        return trimmed.StartsWith(Processed, StringComparison.Ordinal) ? trimmed[Processed.Length..] : null;
    }

    /// <summary><c>reports/D/summary.json</c>: the day's report.</summary>
    public static string Summary(string day) => $"{Reports}{day}/summary.json";
}
