namespace BatchKit.Emulator.Storage;

/// <summary>A file start-up could not read: where it was, where it was moved, and why (listed at /_batchkit/health).</summary>
internal sealed record QuarantinedEntry(string OriginalPath, string QuarantinePath, string Reason, DateTimeOffset When);
