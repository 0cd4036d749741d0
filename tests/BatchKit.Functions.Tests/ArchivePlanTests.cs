using System.IO.Compression;
using BatchKit.Functions.Upload;

namespace BatchKit.Functions.Tests;

/// <summary>Every hostile-archive rule, decided from the central directory before anything is written.</summary>
public sealed class ArchivePlanTests
{
    private static ArchivePlan Inspect(byte[] zip, ArchiveLimits? limits = null)
    {
        var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return ArchivePlan.Inspect(archive, limits ?? new ArchiveLimits());
    }

    private static string Refused(byte[] zip, ArchiveLimits? limits = null) =>
        Assert.Throws<ArchiveRejectedException>(() => Inspect(zip, limits)).Message;

    [Fact]
    public void Store_files_are_taken_and_clutter_is_skipped_with_a_reason()
    {
        var plan = Inspect(Zips.Of(
            ("day/", ""),
            ("day/store_1000.json", "[]"),
            ("store_1001.json", "[]"),
            ("__MACOSX/day/._store_1000.json", "x"),
            (".DS_Store", "x"),
            ("README.txt", "hello"),
            ("totals.json", "{}")));

        Assert.Equal(["store_1000.json", "store_1001.json"], plan.Stores.Select(s => s.FileName));
        Assert.Equal(
            ["day/: a directory", "__MACOSX/day/._store_1000.json: macOS metadata", ".DS_Store: macOS metadata", "README.txt: not a JSON file",
             "totals.json: not a store file (expected store_<number>.json)"],
            plan.Skipped.Select(s => $"{s.Name}: {s.Reason}"));
    }

    [Theory]
    [InlineData("../store_1.json", "climbs out of the archive")]
    [InlineData("day/../../store_1.json", "climbs out of the archive")]
    [InlineData("..\\store_1.json", "climbs out of the archive")]
    [InlineData("/etc/store_1.json", "absolute path")]
    [InlineData("C:\\store_1.json", "absolute path")]
    public void Paths_that_leave_the_archive_refuse_it(string name, string reason) =>
        Assert.Contains(reason, Refused(Zips.Of((name, "[]"))), StringComparison.Ordinal);

    [Fact]
    public void The_same_store_twice_refuses_the_archive() =>
        Assert.Contains("store_7.json twice", Refused(Zips.Of(("a/store_7.json", "[]"), ("b/store_7.json", "[]"))), StringComparison.Ordinal);

    [Fact]
    public void Size_and_count_limits_refuse_the_archive()
    {
        var zip = Zips.Of(("store_1.json", new string('x', 5000)), ("store_2.json", new string('y', 5000)));
        Assert.Contains("over the limit of 4,096", Refused(zip, new ArchiveLimits { MaxEntryBytes = 4096 }), StringComparison.Ordinal);
        Assert.Contains("more than the limit of 8,000 bytes", Refused(zip, new ArchiveLimits { MaxTotalBytes = 8000 }), StringComparison.Ordinal);
        Assert.Contains("2 entries, more than the limit of 1", Refused(zip, new ArchiveLimits { MaxEntries = 1 }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_compression_ratio_beyond_the_limit_is_a_zip_bomb()
    {
        var zeros = new byte[8 << 20]; // 8 MiB of zeros deflate to a few KB: over 1,000:1
        var message = Refused(Zips.Of(("store_1.json", zeros)));
        Assert.Contains("zip bomb", message, StringComparison.Ordinal);
        Assert.Contains("8,388,608 bytes", message, StringComparison.Ordinal);

        Assert.Single(Inspect(Zips.Of(("store_1.json", new byte[100_000]))).Stores); // a small file's ratio is measured against 1 KiB
    }

    [Fact]
    public void Ten_thousand_zero_filled_entries_just_under_1_MiB_are_a_zip_bomb_at_the_first()
    {
        var zip = Zips.ManyCopies(new byte[(1 << 20) - 1], 10_000);
        Assert.InRange(zip.Length, 5_000_000, 20_000_000); // about 10 MB that would unpack to 10 GB

        var message = Refused(zip);

        Assert.Contains("entry 'store_1000.json' compresses", message, StringComparison.Ordinal);
        Assert.Contains("a zip bomb", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_bombs_add_up_in_the_archive_ratio()
    {
        // 200 KiB of zeros each: under the per-entry ratio (measured against 1 KiB), not under the archive's.
        var zip = Zips.ManyCopies(new byte[200 << 10], 50);

        var message = Refused(zip);

        Assert.Contains("the zip's entries so far compress", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_entries_count_toward_the_limits_too()
    {
        var zip = Zips.Of(("notes.txt", new byte[8 << 20]), ("store_1.json", "[]"u8.ToArray()));

        Assert.Contains("entry 'notes.txt' compresses", Refused(zip), StringComparison.Ordinal);
        Assert.Contains("more than the limit of 1,000 bytes",
            Refused(Zips.Of(("README.txt", new string('r', 900)), ("store_1.json", new string('s', 900))), new ArchiveLimits { MaxTotalBytes = 1000 }),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_come_from_the_environment_and_bad_values_are_named()
    {
        var limits = ArchiveLimits.FromEnvironment(name => name == "BATCHKIT_MAX_ENTRY_MB" ? "64" : null);
        Assert.Equal(64L << 20, limits.MaxEntryBytes);
        Assert.Equal(new ArchiveLimits().MaxEntries, limits.MaxEntries);

        var error = Assert.Throws<Runtime.HandlerException>(() => ArchiveLimits.FromEnvironment(name => name == "BATCHKIT_MAX_ENTRIES" ? "lots" : null));
        Assert.Equal("BatchKit.Configuration", error.ErrorType);
        Assert.Contains("BATCHKIT_MAX_ENTRIES='lots'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_that_lies_about_its_size_is_refused_when_it_yields_more()
    {
        var content = new byte[50_000];
        var archive = new ZipArchive(new MemoryStream(Zips.LyingAboutSize("store_1.json", content, declared: 1000)), ZipArchiveMode.Read);
        var entry = Assert.Single(ArchivePlan.Inspect(archive, new ArchiveLimits()).Stores).Entry;
        Assert.Equal(1000, entry.Length);

        // .NET stops at the declared 1,000 bytes without complaint; the CRC-32 shows the cut.
        var error = Assert.Throws<ArchiveRejectedException>(() =>
        {
            using var stream = new VerifiedEntryStream(entry.Open(), entry.Length, entry.Crc32, entry.FullName);
            stream.CopyTo(Stream.Null);
        });
        Assert.Contains("does not match its CRC-32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_honest_entry_reads_through_and_its_CRC_matches()
    {
        var content = System.Text.Encoding.UTF8.GetBytes("""[{"InvoiceNo":"1"}]""");
        var archive = new ZipArchive(new MemoryStream(Zips.Of(("store_1.json", content))), ZipArchiveMode.Read);
        var entry = archive.Entries.Single();
        using var stream = new VerifiedEntryStream(entry.Open(), entry.Length, entry.Crc32, entry.FullName);
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(content, copy.ToArray());
    }
}
