using System.IO.Compression;
using System.Text.Json;

namespace BatchKit.Sales.Tests;

/// <summary>The real day from the public pipeline: every store and the day must come out to the cent.</summary>
public sealed class Day01Tests
{
    private static readonly string[] StoreNames = Enumerable.Range(1000, 10).Select(n => $"store_{n}").ToArray();

    public static TheoryData<string> Stores() => new(StoreNames);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Each_store_matches_the_independently_computed_totals(string store)
    {
        var expected = Expected().GetProperty("stores").GetProperty(store);

        var summary = await AggregateEntry(store + ".json");

        Assert.Equal(expected.GetProperty("rows").GetInt64(), summary.Rows);
        Assert.Equal(expected.GetProperty("total").GetString(), Money.ToText(summary.Total));
        Assert.Equal(0, summary.RowErrors);
    }

    [Fact]
    public async Task The_day_adds_up_to_58635_56_over_3108_rows()
    {
        var expected = Expected();
        decimal total = 0;
        long rows = 0;
        foreach (var store in StoreNames)
        {
            var summary = await AggregateEntry(store + ".json");
            total += summary.Total;
            rows += summary.Rows;
        }

        Assert.Equal(expected.GetProperty("rows").GetInt64(), rows);
        Assert.Equal(expected.GetProperty("total").GetString(), Money.ToText(total));
        Assert.Equal(58635.56m, total);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Reading_in_tiny_chunks_gives_the_same_summary(int chunk)
    {
        var whole = await AggregateEntry("store_1002.json");

        using var zip = ZipFile.OpenRead(RepositoryPaths.SharedFile("data", "online-retail", "day01.zip"));
        await using var trickle = new TrickleStream(zip.GetEntry("store_1002.json")!.Open(), chunk);
        var trickled = await SalesAggregator.AggregateAsync(trickle);

        Assert.Equal(whole with { Errors = [] }, trickled with { Errors = [] });
        Assert.Equal(12605.93m, trickled.Total);
    }

    [Fact]
    public async Task A_store_reports_invoices_cancellations_customers_and_time_range()
    {
        // store_1001 is the one with returns: seven cancelled lines.
        var summary = await AggregateEntry("store_1001.json");

        Assert.True(summary.Invoices > 0);
        Assert.True(summary.Cancellations is > 0 && summary.Cancellations < summary.Invoices);
        Assert.Equal(summary.Total, summary.GrossSales - summary.Returns);
        Assert.Equal(3128.72m, summary.Total);
        Assert.Equal(new DateTime(2010, 12, 1), summary.FirstInvoice!.Value.Date);
        Assert.True(summary.LastInvoice > summary.FirstInvoice);
    }

    private static async Task<StoreSummary> AggregateEntry(string name)
    {
        using var zip = ZipFile.OpenRead(RepositoryPaths.SharedFile("data", "online-retail", "day01.zip"));
        await using var stream = zip.GetEntry(name)!.Open();
        return await SalesAggregator.AggregateAsync(stream);
    }

    private static JsonElement Expected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.SharedFile("data", "online-retail", "day01.expected.json")));
        return doc.RootElement.Clone();
    }
}
