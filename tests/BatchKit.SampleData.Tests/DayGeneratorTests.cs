using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using BatchKit.Sales;

namespace BatchKit.SampleData.Tests;

public sealed class DayGeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("batchkit-gen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_same_seed_and_options_give_byte_identical_files()
    {
        var options = new GeneratorOptions { Stores = 5, RowsMin = 50, RowsMax = 400, Seed = 7, Date = new DateOnly(2026, 11, 22) };

        DayGenerator.GenerateToFile(options, Path.Combine(_dir, "a", "day.zip"));
        DayGenerator.GenerateToFile(options, Path.Combine(_dir, "b", "day.zip"));
        DayGenerator.GenerateToFile(options with { Seed = 8 }, Path.Combine(_dir, "c", "day.zip"));

        Assert.Equal(Hash("a/day.zip"), Hash("b/day.zip"));
        Assert.Equal(Hash("a/day.expected.json"), Hash("b/day.expected.json"));
        Assert.NotEqual(Hash("a/day.zip"), Hash("c/day.zip"));
    }

    [Fact]
    public async Task The_aggregator_reproduces_every_expected_total()
    {
        var options = new GeneratorOptions { Stores = 12, RowsMin = 0, RowsMax = 2000, Seed = 11, ReturnRate = 0.1 };
        var zipPath = Path.Combine(_dir, "day.zip");

        var expected = DayGenerator.GenerateToFile(options, zipPath);

        Assert.Equal(expected, DayTotals.Read(DayGenerator.ExpectedPathFor(zipPath)), DayTotalsComparer.Instance);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(Enumerable.Range(1000, 12).Select(n => $"store_{n}.json"), zip.Entries.Select(e => e.FullName));
        decimal day = 0;
        foreach (var entry in zip.Entries)
        {
            await using var stream = entry.Open();
            var summary = await SalesAggregator.AggregateAsync(stream);
            var store = expected.Stores[Path.GetFileNameWithoutExtension(entry.Name)];
            Assert.Equal(store.Rows, summary.Rows);
            Assert.Equal(store.Total, summary.Total);
            day += summary.Total;
        }

        Assert.Equal(expected.Total, day);
        Assert.Equal(expected.Stores.Values.Sum(s => s.Rows), expected.Rows);
    }

    [Fact]
    public async Task Injected_bad_rows_are_caught_by_the_aggregator_exactly_as_predicted()
    {
        var rowKinds = Enum.GetValues<BadRowKind>().Where(k => !k.IsFileKind()).ToArray();
        var options = new GeneratorOptions { Stores = 6, RowsMin = 300, RowsMax = 600, Seed = 3, BadRowKinds = rowKinds, BadRowRate = 0.03 };
        using var zipStream = new MemoryStream();

        var expected = DayGenerator.Generate(options, zipStream);

        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        var seenKinds = new HashSet<RowErrorKind>();
        foreach (var entry in zip.Entries)
        {
            var store = expected.Stores[Path.GetFileNameWithoutExtension(entry.Name)];
            Assert.True(store.BadRows > 0, $"{entry.Name} should have bad rows at a 3 % rate");

            await using (var stream = entry.Open())
            {
                var quarantined = await SalesAggregator.AggregateAsync(stream, new SalesAggregatorOptions { Policy = RowErrorPolicy.Quarantine, MaxErrorsKept = 1000 });
                Assert.Equal((store.Rows, store.Total, store.BadRows), (quarantined.Rows, quarantined.Total, quarantined.RowErrors));
                seenKinds.UnionWith(quarantined.Errors.Select(e => e.Kind));
            }

            await using (var stream = entry.Open())
            {
                await Assert.ThrowsAsync<SalesDataException>(() => SalesAggregator.AggregateAsync(stream));
            }
        }

        Assert.Equal(rowKinds.Select(k => k.ToRowErrorKind()).ToHashSet(), seenKinds);
    }

    [Theory]
    [InlineData(BadRowKind.MalformedJson, RowErrorKind.MalformedJson)]
    [InlineData(BadRowKind.NotAnArray, RowErrorKind.NotAnArray)]
    public async Task File_faults_make_whole_stores_fail_with_the_named_error(BadRowKind fault, RowErrorKind error)
    {
        var options = new GeneratorOptions { Stores = 4, RowsMin = 20, RowsMax = 40, BadRowKinds = [fault], BadRowRate = 1.0 };
        using var zipStream = new MemoryStream();

        var expected = DayGenerator.Generate(options, zipStream);

        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            Assert.Equal(fault.ToString(), expected.Stores[Path.GetFileNameWithoutExtension(entry.Name)].FileError);
            await using var stream = entry.Open();
            var e = await Assert.ThrowsAsync<SalesDataException>(() => SalesAggregator.AggregateAsync(stream, new SalesAggregatorOptions { Policy = RowErrorPolicy.Quarantine }));
            Assert.Equal(error, e.Error.Kind);
        }
    }

    [Fact]
    public void Rows_look_like_the_real_data()
    {
        var options = new GeneratorOptions { Stores = 3, RowsMin = 1000, RowsMax = 1000, Seed = 5, ReturnRate = 0.2, Date = new DateOnly(2026, 11, 22) };
        using var zipStream = new MemoryStream();
        DayGenerator.Generate(options, zipStream);
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);

        var rows = zip.Entries.SelectMany(e =>
        {
            using var s = e.Open();
            using var doc = JsonDocument.Parse(s);
            return doc.RootElement.EnumerateArray().Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)).ToList();
        }).ToList();

        Assert.Equal(3000, rows.Count);
        Assert.All(rows, r => Assert.Equal(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"], r.Keys));
        Assert.All(rows, r => Assert.StartsWith("22-11-2026 ", r["InvoiceDate"], StringComparison.Ordinal));
        Assert.Contains(rows, r => r["InvoiceDate"].EndsWith(" 7:00", StringComparison.Ordinal));   // hour not zero-padded
        Assert.All(rows.Where(r => r["InvoiceNo"].StartsWith('C')), r => Assert.StartsWith("-", r["Quantity"], StringComparison.Ordinal));
        Assert.InRange(rows.Count(r => r["InvoiceNo"].StartsWith('C')), 30, 600);
        Assert.InRange(rows.Count(r => r["CustomerID"] == "") / 3000.0, 0.15, 0.5);
        Assert.True(rows.GroupBy(r => r["InvoiceNo"]).Average(g => g.Count()) > 2, "invoices should have several lines");
        // A stable catalogue: one StockCode, one description and one price.
        Assert.All(rows.GroupBy(r => r["StockCode"]), g => Assert.Single(g.Select(r => (r["Description"], r["UnitPrice"])).Distinct()));
    }

    [Fact]
    public void The_file_layout_matches_the_reference_files()
    {
        using var zipStream = new MemoryStream();
        DayGenerator.Generate(new GeneratorOptions { Stores = 1, RowsMin = 3, RowsMax = 3 }, zipStream);
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.Entries[0].Open());

        var text = reader.ReadToEnd();

        Assert.StartsWith("[{\"InvoiceNo\": \"", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n]", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Count(c => c == '\n') - 1);
        Assert.Contains("\", \"StockCode\": \"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 1, 2, "stores")]
    [InlineData(1, 5, 2, "rows")]
    [InlineData(1, -1, 2, "rows")]
    public void Out_of_range_options_are_refused_by_name(int stores, int min, int max, string option)
    {
        var e = Assert.Throws<InvalidOptionException>(() => DayGenerator.Generate(new GeneratorOptions { Stores = stores, RowsMin = min, RowsMax = max }, Stream.Null));
        Assert.Equal(option, e.Option);
    }

    [Fact]
    public void Bad_row_kinds_parse_by_name_and_refuse_unknown_ones()
    {
        Assert.Equal([BadRowKind.NonNumericQuantity, BadRowKind.BadInvoiceDate], BadRowKinds.Parse("nonnumericquantity, BadInvoiceDate"));
        Assert.Equal(Enum.GetValues<BadRowKind>(), BadRowKinds.Parse("all"));
        var e = Assert.Throws<InvalidOptionException>(() => BadRowKinds.Parse("NegativeQuantity"));
        Assert.Contains("NegativeQuantity", e.Message, StringComparison.Ordinal);
    }

    private string Hash(string relative) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(_dir, relative))));

    private sealed class DayTotalsComparer : IEqualityComparer<DayTotals>
    {
        public static readonly DayTotalsComparer Instance = new();

        public bool Equals(DayTotals? x, DayTotals? y) =>
            x!.Rows == y!.Rows && x.Total == y.Total && x.Stores.Count == y.Stores.Count
            && x.Stores.All(s => y.Stores.TryGetValue(s.Key, out var o) && o == s.Value);

        public int GetHashCode(DayTotals obj) => obj.Rows.GetHashCode();
    }
}
