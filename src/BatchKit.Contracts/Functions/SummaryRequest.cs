using System.Text.Json.Serialization;

namespace BatchKit.Contracts.Functions;

/// <summary>The summary function's payload, as the workflow's Summarize state builds it.</summary>
public sealed record SummaryRequest(
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("bucket_path")] string BucketPath,
    [property: JsonPropertyName("result_writer")] ResultWriterDetails? ResultWriter);
