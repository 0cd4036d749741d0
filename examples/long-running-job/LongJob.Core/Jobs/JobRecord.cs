namespace LongJob.Jobs;

/// <summary>One request as the table holds it.</summary>
public sealed record JobRecord(
    string RequestId, string Status, string Bucket, string Email, IReadOnlyList<string> Keys, string? TaskArn, string? ArchiveKey, string? Error);
