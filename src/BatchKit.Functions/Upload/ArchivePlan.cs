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
        var totals = new ArchiveTotals(limits);
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            CheckPath(entry, name);
            if (name.EndsWith('/'))
            {
                skipped.Add(new SkippedEntry(entry.FullName, "a directory"));
                continue;
            }

            totals.Add(entry); // every file counts toward the size and ratio limits, kept or not
            var fileName = name[(name.LastIndexOf('/') + 1)..];
            if (Clutter(name, fileName) is { } reason)
            {
                skipped.Add(new SkippedEntry(entry.FullName, reason));
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

            stores.Add(new StoreEntry(entry, fileName));
        }

        return new ArchivePlan(stores, skipped);
    }

    private static void CheckPath(ZipArchiveEntry entry, string name)
    {
        if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':'))
        {
            throw new ArchiveRejectedException($"entry '{entry.FullName}' has an absolute path");
        }

        if (name.Split('/').Any(segment => segment == ".."))
        {
            throw new ArchiveRejectedException($"entry '{entry.FullName}' climbs out of the archive with '..' (zip slip)");
        }
    }

    /// <summary>Why a file is not a store file (macOS metadata, not JSON, not store_N.json), or null for a store file.</summary>
    private static string? Clutter(string name, string fileName) => name switch
    {
        _ when name.StartsWith("__MACOSX/", StringComparison.Ordinal) || fileName.StartsWith("._", StringComparison.Ordinal) || fileName == ".DS_Store"
            => "macOS metadata",
        _ when !fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) => "not a JSON file",
        _ when !StoreFileName.TryParse(fileName, out _, out _) => "not a store file (expected store_<number>.json)",
        _ => null,
    };
}
