using BatchKit.Functions.Summary;

namespace BatchKit.Functions.Tests;

/// <summary>The summary reads what the worker writes: each output here is produced by the worker's own code.</summary>
public sealed class DaySummaryTests
{
    private static string Output(string store, int quantity, string unitPrice) => WorkerOutputs.For(store, quantity, unitPrice);

    [Fact]
    public void Stores_sum_exactly_and_failed_stores_are_named_not_summed()
    {
        var summary = new DaySummary("day01", "sales");
        summary.AddSucceeded(Output("store_1000", 1, "5949.11"));
        summary.AddSucceeded(Output("store_1001", 1, "0.10"));
        summary.AddSucceeded(Output("store_1002", 2, "0.10"));
        summary.AddFailed("store_1003", "BatchKit.InvalidData", "row 5: price is not a number");

        Assert.Equal(5949.41m, summary.Total); // 0.1 + 0.2 stays exact
        Assert.Equal(3, summary.Rows);
        Assert.Equal(4, summary.StoreCount);
        var text = summary.SlackText();
        Assert.Contains("3 of 4 stores, 3 rows, total $5949.41", text, StringComparison.Ordinal);
        Assert.Contains("store_1003: BatchKit.InvalidData: row 5: price is not a number", text, StringComparison.Ordinal);

        var json = System.Text.Json.Nodes.JsonNode.Parse(summary.ToJson("reports/day01/summary.json", byStore: true))!;
        Assert.Equal("5949.41", json["total"]!.GetValue<string>());
        Assert.Equal("store_1003", json["stores_failed"]![0]!.GetValue<string>());
        Assert.Equal("0.10", json["by_store"]!["store_1001"]!["total"]!.GetValue<string>());
    }

    [Fact]
    public void An_empty_day_says_no_stores()
    {
        var summary = new DaySummary("2026-01-01", "sales");
        Assert.Contains("no stores", summary.SlackText(), StringComparison.Ordinal);
        Assert.Equal(0, System.Text.Json.Nodes.JsonNode.Parse(summary.ToJson("k", byStore: false))!["stores"]!.GetValue<int>());
    }

    [Fact]
    public void A_store_twice_is_an_error_not_a_double_count()
    {
        var summary = new DaySummary("d", "b");
        summary.AddSucceeded(Output("store_1", 1, "1.00"));
        Assert.Throws<FormatException>(() => summary.AddSucceeded(Output("store_1", 1, "1.00")));
        Assert.Equal(1.00m, summary.Total);
    }
}
