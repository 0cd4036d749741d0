namespace BatchKit.Emulator.Services.S3;

/// <summary>What S3 keeps beside an object's bytes (stored as a JSON sidecar next to the data file).</summary>
internal sealed record S3ObjectMetadata(
    string Key,
    string ETag,
    long Size,
    string ContentType,
    DateTimeOffset LastModified,
    Dictionary<string, string> UserMetadata);
