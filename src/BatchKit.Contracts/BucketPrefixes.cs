namespace BatchKit.Contracts;

/// <summary>The S3 key layout of a sales bucket, shared by the Lambda, the worker, the workflow and the CLI.</summary>
public static class BucketPrefixes
{
    /// <summary>Daily zips land here; the bucket notification fires only for <c>uploads/*.zip</c>.</summary>
    public const string Uploads = "uploads/";

    /// <summary>
    /// The upload handler writes each upload of day <c>D</c> to a copy of its own, <c>processed/D/&lt;execution name&gt;/</c>,
    /// and the workflow reads that copy only.
    /// </summary>
    public const string Processed = "processed/";

    /// <summary>The workflow writes the day's summary to <c>reports/D/summary.json</c>.</summary>
    public const string Reports = "reports/";

    /// <summary><c>processed/D/</c>: the prefix under which every copy of day D's store files lies.</summary>
    public static string ProcessedDay(string day) => $"{Processed}{day}/";

    /// <summary>
    /// <c>processed/D/&lt;copy&gt;/</c>: one upload's store files (the workflow's <c>bucket_path</c>); the copy is named after
    /// the upload's execution, so a re-upload never writes over the files a running Map reads.
    /// </summary>
    public static string ProcessedCopy(string day, string copy) => $"{Processed}{day}/{copy}/";

    /// <summary>
    /// The day a <c>bucket_path</c> like <c>processed/D/&lt;copy&gt;/</c> (or the older <c>processed/D/</c>) names, or null
    /// when it is not under processed/.
    /// </summary>
    public static string? DayOf(string bucketPath)
    {
        var trimmed = bucketPath.TrimEnd('/');
        return trimmed.StartsWith(Processed, StringComparison.Ordinal) && trimmed.Length > Processed.Length
            ? trimmed[Processed.Length..].Split('/')[0]
            : null;
    }

    /// <summary><c>reports/D/summary.json</c>: the day's report.</summary>
    public static string Summary(string day) => $"{Reports}{day}/summary.json";
}
