using System.IO.Compression;
using BatchKit.Sales;

namespace BatchKit.SampleData;

/// <summary>
/// Writes a synthetic day: a zip of store_N.json entries streamed one after another (constant memory whatever the
/// size), and beside it <c>&lt;name&gt;.expected.json</c> with the exact totals in day01.expected.json's shape.
/// Same options, same bytes: entries have a fixed order, a fixed timestamp and a fixed compression level.
/// </summary>
public static class DayGenerator
{
    /// <summary>Writes the zip to <paramref name="zip"/> and returns the day's expected totals.</summary>
    public static DayTotals Generate(
        GeneratorOptions options, Stream zip, IProgress<GeneratorProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stores = new Dictionary<string, StoreTotals>(StringComparer.Ordinal);
        long rows = 0, rowsWritten = 0;
        decimal total = 0;
        var timestamp = new DateTimeOffset(options.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < options.Stores; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var store = new StoreGenerator(options, i);
                var entry = archive.CreateEntry(store.FileName, CompressionLevel.Optimal);
                entry.LastWriteTime = timestamp;
                StoreTotals totals;
                using (var entryStream = entry.Open())
                {
                    totals = store.Write(entryStream);
                }

                stores[Path.GetFileNameWithoutExtension(store.FileName)] = totals;
                rows += totals.Rows;
                total += totals.Total;
                rowsWritten += totals.Rows + totals.BadRows;
                progress?.Report(new GeneratorProgress(i + 1, options.Stores, rowsWritten));
            }
        }

        return new DayTotals(rows, total, stores);
    }

    /// <summary>
    /// Writes <paramref name="zipPath"/> and <c>&lt;name&gt;.expected.json</c> beside it. Both are written to temporary
    /// files first and moved into place, so an interrupted run never leaves a half-written day behind.
    /// </summary>
    public static DayTotals GenerateToFile(
        GeneratorOptions options, string zipPath, IProgress<GeneratorProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var expectedPath = ExpectedPathFor(full);
        var zipTemp = full + ".tmp";
        var expectedTemp = expectedPath + ".tmp";
        try
        {
            DayTotals totals;
            using (var zip = new FileStream(zipTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                totals = Generate(options, zip, progress, cancellationToken);
            }

            using (var expected = new FileStream(expectedTemp, FileMode.Create, FileAccess.Write))
            {
                totals.Write(expected);
            }

            File.Move(zipTemp, full, overwrite: true);
            File.Move(expectedTemp, expectedPath, overwrite: true);
            return totals;
        }
        finally
        {
            File.Delete(zipTemp);
            File.Delete(expectedTemp);
        }
    }

    /// <summary>"out/day.zip" → "out/day.expected.json".</summary>
    public static string ExpectedPathFor(string zipPath) =>
        Path.Combine(Path.GetDirectoryName(zipPath) ?? "", Path.GetFileNameWithoutExtension(zipPath) + ".expected.json");
}
