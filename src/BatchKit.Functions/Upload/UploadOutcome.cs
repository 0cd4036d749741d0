namespace BatchKit.Functions.Upload;

/// <summary>What one S3 record led to: a started run, a duplicate that started nothing, or an ignored key.</summary>
internal sealed record UploadOutcome(string Status, string Key, string? Day, string? ExecutionArn, int Stores, long Bytes, int Skipped, string? Reason)
{
    public const string Started = "started";
    public const string Duplicate = "duplicate";
    public const string Ignored = "ignored";
}
