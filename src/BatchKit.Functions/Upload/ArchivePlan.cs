using System.IO.Compression;
using BatchKit.Sales;

namespace BatchKit.Functions.Upload;

/// <summary>
/// Which entries of a day's zip become store files, decided from the central directory before a byte is written:
/// hostile entries (paths that climb out or are absolute, encrypted, duplicate, oversized, bomb-like ratios) refuse
/// the whole archive; harmless clutter (directories, macOS metadata, non-JSON and non-store files) is skipped with a
/// reason. Entries in a folder inside the zip are taken by their file name.
/// https://security.snyk.io/research/zip-slip-vulnerability
/// </summary>
internal sealed record ArchivePlan(IReadOnlyList<ArchivePlan.StoreEntry> Stores, IReadOnlyList<ArchivePlan.SkippedEntry> Skipped)
{
    internal sealed record StoreEntry(ZipArchiveEntry Entry, string FileName);

    internal sealed record SkippedEntry(string Name, string Reason);

    public long TotalBytes => Stores.Sum(s => s.Entry.Length);

    public static ArchivePlan Inspect(ZipArchive archive, ArchiveLimits limits)
    {
        var entries = archive.Entries;
        if (entries.Count > limits.MaxEntries)
        {
            throw new ArchiveRejectedException($"the zip has {entries.Count} entries, more than the limit of {limits.MaxEntries}");
        }

        var stores = new List<StoreEntry>();
        var skipped = new List<SkippedEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':'))
            {
                throw new ArchiveRejectedException($"entry '{entry.FullName}' has an absolute path");
            }

            if (name.Split('/').Any(segment => segment == ".."))
            {
                throw new ArchiveRejectedException($"entry '{entry.FullName}' climbs out of the archive with '..' (zip slip)");
            }

            var fileName = name[(name.LastIndexOf('/') + 1)..];
            if (name.EndsWith('/'))
            {
                skipped.Add(new SkippedEntry(entry.FullName, "a directory"));
                continue;
            }

            if (name.StartsWith("__MACOSX/", StringComparison.Ordinal) || fileName.StartsWith("._", StringComparison.Ordinal) || fileName == ".DS_Store")
            {
                skipped.Add(new SkippedEntry(entry.FullName, "macOS metadata"));
                continue;
            }

            if (!fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add(new SkippedEntry(entry.FullName, "not a JSON file"));
                continue;
            }

            if (!StoreFileName.TryParse(fileName, out _, out _))
            {
                skipped.Add(new SkippedEntry(entry.FullName, "not a store file (expected store_<number>.json)"));
                continue;
            }

            if (entry.IsEncrypted)
            {
                throw new ArchiveRejectedException($"entry '{entry.FullName}' is encrypted");
            }

            if (!names.Add(fileName))
            {
                throw new ArchiveRejectedException($"the zip holds {fileName} twice; which one is the day's is ambiguous");
            }

            if (entry.Length > limits.MaxEntryBytes)
            {
                throw new ArchiveRejectedException($"entry '{entry.FullName}' unpacks to {entry.Length:N0} bytes, over the limit of {limits.MaxEntryBytes:N0}");
            }

            if (entry.Length >= limits.RatioCheckFromBytes && entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
            {
                throw new ArchiveRejectedException(
                    $"entry '{entry.FullName}' compresses {entry.Length / Math.Max(1, entry.CompressedLength):N0}:1 ({entry.CompressedLength:N0} → {entry.Length:N0} bytes), over {limits.MaxCompressionRatio}:1: a zip bomb");
            }

            total += entry.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new ArchiveRejectedException($"the zip unpacks to more than the limit of {limits.MaxTotalBytes:N0} bytes");
            }

            stores.Add(new StoreEntry(entry, fileName));
        }

        return new ArchivePlan(stores, skipped);
    }
}
