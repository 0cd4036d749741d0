using ScheduledValidation;
using ScheduledValidation.Validation;

namespace BatchKit.Examples.Tests;

/// <summary>The scheduled-validation example's pure logic: each rule a row can break, the header, and the keys a run uses.</summary>
public sealed class ScheduledValidationLogicTests
{
    [Theory]
    [InlineData("B-1,SKU-1,2,3.00", "expected 5 columns, found 4")]
    [InlineData(" ,SKU-1,2,3.00,2026-11-01", "order_id is empty")]
    [InlineData("B-4,SKU-1,two,3.00,2026-11-01", "quantity 'two' is not a whole number of at least 1")]
    [InlineData("B-5,SKU-1,0,3.00,2026-11-01", "quantity '0' is not a whole number of at least 1")]
    [InlineData("B-5,SKU-1,+2,3.00,2026-11-01", "quantity '+2' is not a whole number of at least 1")]
    [InlineData("B-6,SKU-1,2,-3.00,2026-11-01", "unit_price '-3.00' is not a non-negative amount with at most two decimals")]
    [InlineData("B-7,SKU-1,2,3.001,2026-11-01", "unit_price '3.001' is not a non-negative amount with at most two decimals")]
    [InlineData("B-8,SKU-1,2,3.00,2026-02-30", "order_date '2026-02-30' is not a date as yyyy-MM-dd")]
    [InlineData("B-9,SKU-1,2,3.00,01/11/2026", "order_date '01/11/2026' is not a date as yyyy-MM-dd")]
    [InlineData("B-10,SKU-1,2,3.00,2026-11-01", null)]
    [InlineData("B-11,,1,0,2026-11-01", null)]
    public void A_row_is_invalid_for_its_first_broken_rule(string row, string? problem) => Assert.Equal(problem, OrdersCsv.RowProblemOf(row));

    [Fact]
    public void A_file_counts_its_valid_and_invalid_rows_skips_blank_lines_and_names_each_problems_line()
    {
        var text = "order_id,sku,quantity,unit_price,order_date\r\nA,S,1,1.00,2026-11-01\r\n\r\nB,S,x,1.00,2026-11-01\r\nC,S,2,2.50,2026-11-02\r\n";

        var result = OrdersCsv.Validate(text);

        Assert.Equal((true, 2, 1), (result.HeaderOk, result.ValidRows, result.InvalidRows));
        Assert.Equal([new RowProblem(4, "quantity 'x' is not a whole number of at least 1")], result.Problems);
    }

    [Fact]
    public void A_file_with_another_header_has_no_valid_rows_and_one_problem_naming_the_header()
    {
        var result = OrdersCsv.Validate("id,sku,quantity,unit_price,order_date\nA,S,1,1.00,2026-11-01\nB,S,1,1.00,2026-11-01\n");

        Assert.Equal((false, 0, 2), (result.HeaderOk, result.ValidRows, result.InvalidRows));
        Assert.Equal(
            [new RowProblem(1, "the header must be 'order_id,sku,quantity,unit_price,order_date', not 'id,sku,quantity,unit_price,order_date'")],
            result.Problems);
    }

    [Fact]
    public void At_most_100_problems_are_kept_but_every_row_is_counted()
    {
        var text = OrdersCsv.Header + "\n" + string.Join("\n", Enumerable.Range(0, 150).Select(i => $"B{i},S,none,1.00,2026-11-01"));

        var result = OrdersCsv.Validate(text);

        Assert.Equal(150, result.InvalidRows);
        Assert.Equal(OrdersCsv.MaxProblemsKept, result.Problems.Count);
        Assert.Equal(101, result.Problems[^1].Line);
    }

    [Theory]
    [InlineData("orders/incoming/a.csv", true)]
    [InlineData("orders/incoming/archive/a.csv", false)]
    [InlineData("orders/incoming/a.txt", false)]
    [InlineData("orders/incoming/.csv", false)]
    [InlineData("orders/a.csv", false)]
    [InlineData("other/incoming/a.csv", false)]
    public void Only_csv_files_directly_under_incoming_are_work(string key, bool work) => Assert.Equal(work, ValidationKeys.IsIncomingCsv("orders", key));

    [Theory]
    [InlineData("orders", true)]
    [InlineData("team-a/orders_2026.v1", true)]
    [InlineData("/orders", false)]
    [InlineData("orders/", false)]
    [InlineData("a//b", false)]
    [InlineData("a b", false)]
    public void A_prefix_is_a_folder_path(string prefix, bool valid) => Assert.Equal(valid, ValidationKeys.IsPrefix(prefix));

    [Fact]
    public void A_runs_results_are_named_after_the_schedules_time()
    {
        var run = ValidationKeys.Run(DateTimeOffset.Parse("2026-11-30T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("20261130T100500Z", run);
        Assert.Equal("orders/results/20261130T100500Z/store-north.json", ValidationKeys.Result("orders", run, "orders/incoming/store-north.csv"));
    }
}
