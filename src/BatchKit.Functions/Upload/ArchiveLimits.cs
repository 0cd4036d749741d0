using System.Globalization;

namespace BatchKit.Functions.Upload;

/// <summary>
/// What an uploaded zip may hold before it is refused as hostile. The defaults fit a 1,000-store day with room to
/// spare; each can be changed with an environment variable of the function.
/// </summary>
internal sealed record ArchiveLimits
{
    public int MaxEntries { get; init; } = 10_000;

    public long MaxEntryBytes { get; init; } = 2L << 30;

    public long MaxTotalBytes { get; init; } = 20L << 30;

    /// <summary>Uncompressed:compressed above this marks a zip bomb (sales JSON compresses about 15:1).</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>
    /// An entry's ratio is measured against at least this many compressed bytes: a tiny file may compress absurdly
    /// well and harm nobody (a 100 KB run of zeros is ~100 bytes), while a bomb's entries cannot hide under it.
    /// </summary>
    public long RatioFloorBytes { get; init; } = 1L << 10;

    /// <summary>The whole archive's ratio (every entry counted) is judged once it unpacks to this much.</summary>
    public long ArchiveRatioFromBytes { get; init; } = 1L << 20;

    public static ArchiveLimits FromEnvironment(Func<string, string?> variable)
    {
        var limits = new ArchiveLimits();
        return limits with
        {
            MaxEntries = (int)Read(variable, "BATCHKIT_MAX_ENTRIES", limits.MaxEntries, 1),
            MaxEntryBytes = Read(variable, "BATCHKIT_MAX_ENTRY_MB", limits.MaxEntryBytes >> 20, 1) << 20,
            MaxTotalBytes = Read(variable, "BATCHKIT_MAX_TOTAL_MB", limits.MaxTotalBytes >> 20, 1) << 20,
            MaxCompressionRatio = (int)Read(variable, "BATCHKIT_MAX_COMPRESSION_RATIO", limits.MaxCompressionRatio, 2),
        };
    }

    private static long Read(Func<string, string?> variable, string name, long fallback, long minimum)
    {
        var text = variable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new Runtime.HandlerException("BatchKit.Configuration", $"{name}='{text}' is not a whole number of at least {minimum}.");
    }
}
