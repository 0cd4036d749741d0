using System.IO.Compression;

namespace BatchKit.Functions.Upload;

/// <summary>
/// The bomb checks of an archive, made entry by entry from the central directory and counting every file in it:
/// each entry's size and compression ratio (measured against at least <see cref="ArchiveLimits.RatioFloorBytes"/>
/// compressed), the total unpacked size, and the whole archive's ratio once it unpacks to
/// <see cref="ArchiveLimits.ArchiveRatioFromBytes"/> — so 10,000 zero-filled entries just under 1 MiB are refused
/// at the first, and many small bombs cannot add up unnoticed. (The sizes the directory declares are checked again
/// against the bytes as they are read, by <see cref="VerifiedEntryStream"/>.)
/// </summary>
internal sealed class ArchiveTotals(ArchiveLimits limits)
{
    private long _unpacked;
    private long _packed;

    public void Add(ZipArchiveEntry entry)
    {
        if (entry.Length > limits.MaxEntryBytes)
        {
            throw new ArchiveRejectedException($"entry '{entry.FullName}' unpacks to {entry.Length:N0} bytes, over the limit of {limits.MaxEntryBytes:N0}");
        }

        var ratio = entry.Length / Math.Max(limits.RatioFloorBytes, entry.CompressedLength);
        if (ratio > limits.MaxCompressionRatio)
        {
            throw new ArchiveRejectedException(
                $"entry '{entry.FullName}' compresses {entry.Length / Math.Max(1, entry.CompressedLength):N0}:1 ({entry.CompressedLength:N0} → "
                + $"{entry.Length:N0} bytes), over {limits.MaxCompressionRatio}:1: a zip bomb");
        }

        _unpacked += entry.Length;
        _packed += entry.CompressedLength;
        if (_unpacked > limits.MaxTotalBytes)
        {
            throw new ArchiveRejectedException($"the zip unpacks to more than the limit of {limits.MaxTotalBytes:N0} bytes");
        }

        if (_unpacked >= limits.ArchiveRatioFromBytes && _unpacked / Math.Max(1, _packed) > limits.MaxCompressionRatio)
        {
            throw new ArchiveRejectedException(
                $"the zip's entries so far compress {_unpacked / Math.Max(1, _packed):N0}:1 ({_packed:N0} → {_unpacked:N0} bytes), over "
                + $"{limits.MaxCompressionRatio}:1: a zip bomb");
        }
    }
}
