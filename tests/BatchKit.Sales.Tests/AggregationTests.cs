using static BatchKit.Sales.Tests.StoreFileBuilder;

namespace BatchKit.Sales.Tests;

public sealed class AggregationTests
{
    [Fact]
    public async Task Returns_are_netted_into_the_total_and_reported_apart()
    {
        var json = File(
            Row(invoiceNo: "536370", quantity: "48", unitPrice: "0.85", customerId: "12583"),
            Row(invoiceNo: "536370", quantity: "18", unitPrice: "2.95", customerId: "12583"),
            Row(invoiceNo: "C536391", quantity: "-12", unitPrice: "1.65", customerId: ""),
            Row(invoiceNo: "C536391", quantity: "-1", unitPrice: "4.95", customerId: ""),
            Row(invoiceNo: "536372", quantity: "6", unitPrice: "0", customerId: "17850"));

        var s = await Aggregate(json);

        Assert.Equal(5, s.Rows);
        Assert.Equal(3, s.Invoices);
        Assert.Equal(1, s.Cancellations);
        Assert.Equal(93.90m, s.GrossSales);    // 40.80 + 53.10 + 0
        Assert.Equal(24.75m, s.Returns);       // 19.80 + 4.95
        Assert.Equal(69.15m, s.Total);
        Assert.Equal(2, s.Customers);
        Assert.Equal(2, s.RowsWithoutCustomer);
    }

    [Fact]
    public async Task Money_is_summed_exactly_and_rounded_half_even_only_at_the_end()
    {
        // 0.005 three times is 0.015 exactly; rounding each line first would give 0.03 (or 0.00).
        var thirds = File(Row(quantity: "1", unitPrice: "0.005"), Row(quantity: "1", unitPrice: "0.005"), Row(quantity: "1", unitPrice: "0.005"));
        Assert.Equal(0.02m, (await Aggregate(thirds)).Total);

        // Half-even: 0.125 rounds down to 0.12, 0.135 rounds up to 0.14.
        Assert.Equal(0.12m, (await Aggregate(File(Row(quantity: "1", unitPrice: "0.125")))).Total);
        Assert.Equal(0.14m, (await Aggregate(File(Row(quantity: "1", unitPrice: "0.135")))).Total);
    }

    [Fact]
    public async Task Ten_cents_a_million_times_is_exactly_one_hundred_thousand()
    {
        // A float accumulator drifts here; decimal does not.
        var rows = string.Join(",\n", Enumerable.Repeat(Row(quantity: "1", unitPrice: "0.10"), 1_000_000));
        var s = await Aggregate("[" + rows + "]");

        Assert.Equal(100_000.00m, s.Total);
        Assert.NotEqual(100_000f, Enumerable.Repeat(0.10f, 1_000_000).Aggregate(0f, (a, b) => a + b));
    }

    [Fact]
    public async Task An_empty_array_is_a_store_with_nothing_sold()
    {
        var s = await Aggregate("[]");

        Assert.Equal(0, s.Rows);
        Assert.Equal(0m, s.Total);
        Assert.Null(s.FirstInvoice);
        Assert.Null(s.LastInvoice);
    }

    [Fact]
    public async Task Escaped_strings_and_unknown_fields_are_read_correctly()
    {
        var row = Row(rawOverrides: new Dictionary<string, string?>
        {
            ["Quantity"] = "\"\\u0034\\u0038\"",          // "48"
            ["InvoiceNo"] = "\"\\u0043536391\"",         // "C536391"
        });
        var withExtra = row.Replace("{", "{\"Extra\": {\"nested\": [1, 2, {\"x\": null}]}, ", StringComparison.Ordinal);

        var s = await Aggregate(File(withExtra));

        Assert.Equal(72.00m, s.Total);   // 48 × 1.50
        Assert.Equal(1, s.Cancellations);
    }

    [Fact]
    public async Task First_and_last_invoice_span_the_day()
    {
        var s = await Aggregate(File(
            Row(invoiceDate: "01-12-2010 16:52"),
            Row(invoiceDate: "01-12-2010 8:26"),
            Row(invoiceDate: "01-12-2010 12:00")));

        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), s.FirstInvoice);
        Assert.Equal(new DateTime(2010, 12, 1, 16, 52, 0), s.LastInvoice);
    }

    [Theory]
    [InlineData("01-12-2010 8:45", true)]
    [InlineData("01-12-2010 18:45", true)]
    [InlineData("29-02-2012 0:00", true)]
    [InlineData("29-02-2011 0:00", false)]
    [InlineData("01-13-2010 8:45", false)]
    [InlineData("01-12-2010 24:00", false)]
    [InlineData("01-12-2010 8:60", false)]
    [InlineData("1-12-2010 8:45", false)]
    [InlineData("01-12-2010 008:45", false)]
    public void InvoiceDate_accepts_only_real_dates_in_the_files_format(string text, bool valid) =>
        Assert.Equal(valid, InvoiceDate.TryParse(text, out _));
}
