using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Workflow;

/// <summary>Where a day's store files are: the bucket and <c>processed/&lt;day&gt;/</c>.</summary>
public sealed record UploadedDay(
    [property: JsonPropertyName("source_bucket_name")] string SourceBucketName,
    [property: JsonPropertyName("bucket_path")] string BucketPath)
{
    /// <summary>The day the path names (<c>processed/D/</c> → D), or the path itself when it is not under processed/.</summary>
    [JsonIgnore]
    public string Day => BucketPrefixes.DayOf(BucketPath) ?? BucketPath.TrimEnd('/');
}
