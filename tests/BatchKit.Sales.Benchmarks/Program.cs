using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using BatchKit.Sales;
using BatchKit.Sales.Benchmarks;
using BatchKit.SampleData;

// Usage:
//   generate STORES ROWS      generate a day (STORES × ROWS) to a temp zip; run each size in its own process
//                             to compare peak memory (constant memory: the peak must not grow with STORES)
//   aggregate MEGABYTES       write one store file of about that size, then scan it with a bare Utf8JsonReader
//                             and aggregate it, in the same process, same buffer size, alternating 3 times
var mode = args.ElementAtOrDefault(0) ?? "aggregate";
var temp = Directory.CreateTempSubdirectory("batchkit-bench-");
try
{
    switch (mode)
    {
        case "generate":
            Generate(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), temp.FullName);
            break;
        case "aggregate":
            await Aggregate(int.Parse(args.ElementAtOrDefault(1) ?? "300", System.Globalization.CultureInfo.InvariantCulture), temp.FullName);
            break;
        default:
            Console.Error.WriteLine($"unknown mode '{mode}': use 'generate STORES ROWS' or 'aggregate MEGABYTES'");
            return 1;
    }
}
finally
{
    temp.Delete(recursive: true);
}

return 0;

static void Generate(int stores, int rows, string dir)
{
    var zipPath = Path.Combine(dir, "day.zip");
    var options = new GeneratorOptions { Stores = stores, RowsMin = rows, RowsMax = rows, Seed = 1 };
    var m = new Measurement();
    var totals = DayGenerator.GenerateToFile(options, zipPath);
    var uncompressed = 0L;
    using (var zip = ZipFile.OpenRead(zipPath))
    {
        uncompressed = zip.Entries.Sum(e => e.Length);
    }

    m.Print($"generate {stores}x{rows}", totals.Rows, uncompressed);
    Console.WriteLine($"  zip {new FileInfo(zipPath).Length / 1e6:N1} MB, total {Money.ToText(totals.Total)}");
}

static async Task Aggregate(int megabytes, string dir)
{
    // One big store file, the way the worker would stream it from S3.
    var rowsNeeded = megabytes * 1_000_000L / 225; // ~225 bytes per generated row
    var zipPath = Path.Combine(dir, "big.zip");
    var totals = DayGenerator.GenerateToFile(new GeneratorOptions { Stores = 1, RowsMin = (int)rowsNeeded, RowsMax = (int)rowsNeeded, Seed = 2 }, zipPath);
    var filePath = Path.Combine(dir, "store_1000.json");
    using (var zip = ZipFile.OpenRead(zipPath))
    {
        zip.Entries[0].ExtractToFile(filePath);
    }

    var bytes = new FileInfo(filePath).Length;
    Console.WriteLine($"store file: {bytes / 1e6:N1} MB, {totals.Rows:N0} rows; peak WS after setup {Measurement.PeakWorkingSetMiB()} MiB");

    for (var round = 1; round <= 3; round++)
    {
        var scan = new Measurement();
        var tokens = await BareScan(filePath);
        scan.Print($"bare scan #{round}", totals.Rows, bytes);
        var scanSeconds = scan.Elapsed.TotalSeconds;

        var agg = new Measurement();
        await using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var summary = await SalesAggregator.AggregateAsync(stream);
        agg.Print($"aggregate #{round}", summary.Rows, bytes);
        if (summary.Total != totals.Total || tokens == 0)
        {
            throw new InvalidOperationException($"aggregate gave {summary.Total}, expected {totals.Total}");
        }

        Console.WriteLine($"  aggregate / bare scan speed: {scanSeconds / agg.Elapsed.TotalSeconds:P0}");
    }
}

// The floor: the same refilling 64 KiB buffer and Utf8JsonReader, touching every token and nothing else.
static async Task<long> BareScan(string path)
{
    await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    var state = new JsonReaderState();
    long tokens = 0;
    var filled = 0;
    while (true)
    {
        var read = await stream.ReadAsync(buffer.AsMemory(filled));
        filled += read;
        var consumed = Scan(buffer.AsSpan(0, filled), read == 0, ref state, ref tokens);
        if (read == 0)
        {
            break;
        }

        buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
        filled -= consumed;
    }

    ArrayPool<byte>.Shared.Return(buffer);
    return tokens;

    static int Scan(ReadOnlySpan<byte> block, bool final, ref JsonReaderState state, ref long tokens)
    {
        var reader = new Utf8JsonReader(block, final, state);
        while (reader.Read())
        {
            tokens++;
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }
}
