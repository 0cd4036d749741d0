using static BatchKit.Sales.Tests.StoreFileBuilder;

namespace BatchKit.Sales.Tests;

/// <summary>Every named row error: the default policy fails the file naming row and field; quarantine leaves the row out.</summary>
public sealed class RowErrorTests
{
    public static TheoryData<string, string, RowErrorKind, SalesRowField?, string> BadRows() => new()
    {
        { "non-numeric quantity", Row(quantity: "abc"), RowErrorKind.NonNumericQuantity, SalesRowField.Quantity, "row 2: Quantity \"abc\" is not an integer" },
        { "fractional quantity", Row(quantity: "1.5"), RowErrorKind.NonNumericQuantity, SalesRowField.Quantity, "row 2: Quantity \"1.5\" is not an integer" },
        { "empty quantity", Row(quantity: ""), RowErrorKind.NonNumericQuantity, SalesRowField.Quantity, "row 2: Quantity \"\" is not an integer" },
        { "non-numeric price", Row(unitPrice: "abc"), RowErrorKind.NonNumericUnitPrice, SalesRowField.UnitPrice, "row 2: UnitPrice \"abc\" is not a decimal number" },
        { "exponent price", Row(unitPrice: "1e3"), RowErrorKind.NonNumericUnitPrice, SalesRowField.UnitPrice, "row 2: UnitPrice \"1e3\" is not a decimal number" },
        { "negative price", Row(unitPrice: "-1.50"), RowErrorKind.NegativeUnitPrice, SalesRowField.UnitPrice, "row 2: UnitPrice \"-1.50\" is negative" },
        { "impossible date", Row(invoiceDate: "31-02-2010 8:45"), RowErrorKind.BadInvoiceDate, SalesRowField.InvoiceDate, "row 2: InvoiceDate \"31-02-2010 8:45\" is not a date in the form DD-MM-YYYY H:mm" },
        { "ISO date", Row(invoiceDate: "2010-12-01T08:45"), RowErrorKind.BadInvoiceDate, SalesRowField.InvoiceDate, "row 2: InvoiceDate \"2010-12-01T08:45\" is not a date" },
        { "missing price", Row(rawOverrides: new Dictionary<string, string?> { ["UnitPrice"] = null }), RowErrorKind.MissingField, SalesRowField.UnitPrice, "row 2: field UnitPrice is missing" },
        { "missing country", Row(rawOverrides: new Dictionary<string, string?> { ["Country"] = null }), RowErrorKind.MissingField, SalesRowField.Country, "row 2: field Country is missing" },
        { "number instead of string", Row(rawOverrides: new Dictionary<string, string?> { ["Quantity"] = "48" }), RowErrorKind.WrongJsonType, SalesRowField.Quantity, "row 2: Quantity is a JSON number, expected a string" },
        { "null value", Row(rawOverrides: new Dictionary<string, string?> { ["CustomerID"] = "null" }), RowErrorKind.WrongJsonType, SalesRowField.CustomerID, "row 2: CustomerID is a JSON null, expected a string" },
        { "object value", Row(rawOverrides: new Dictionary<string, string?> { ["UnitPrice"] = "{\"amount\": \"1.50\"}" }), RowErrorKind.WrongJsonType, SalesRowField.UnitPrice, "row 2: UnitPrice is a JSON object, expected a string" },
        { "row is a string", "\"536370\"", RowErrorKind.WrongJsonType, null, "row 2: is a JSON string, expected an object" },
        { "row is an array", "[\"536370\", \"10002\"]", RowErrorKind.WrongJsonType, null, "row 2: is a JSON array, expected an object" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task By_default_a_bad_row_fails_the_file_naming_row_and_field(string why, string badRow, RowErrorKind kind, SalesRowField? field, string message)
    {
        var json = File(Row(), badRow, Row());

        var e = await Assert.ThrowsAsync<SalesDataException>(() => Aggregate(json));

        Assert.Equal(kind, e.Error.Kind);
        Assert.Equal(field, e.Error.Field);
        Assert.Equal(2, e.Error.Row);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(why));
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task Quarantine_leaves_the_bad_row_out_and_lists_it(string why, string badRow, RowErrorKind kind, SalesRowField? field, string message)
    {
        var json = File(Row(quantity: "2", unitPrice: "1.50"), badRow, Row(quantity: "3", unitPrice: "0.85"));

        var summary = await Aggregate(json, RowErrorPolicy.Quarantine);

        Assert.Equal(2, summary.Rows);
        Assert.Equal(5.55m, summary.Total);
        Assert.Equal(1, summary.RowErrors);
        var error = Assert.Single(summary.Errors);
        Assert.Equal((kind, field, 2L), (error.Kind, error.Field, error.Row));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(why));
    }

    [Theory]
    [InlineData("{\"rows\": []}", RowErrorKind.NotAnArray, "the file is a JSON object, expected an array of rows")]
    [InlineData("\"hello\"", RowErrorKind.NotAnArray, "the file is a JSON string, expected an array of rows")]
    [InlineData("", RowErrorKind.MalformedJson, "the file is empty")]
    [InlineData("[{\"InvoiceNo\": \"5363", RowErrorKind.MalformedJson, "malformed JSON")]
    [InlineData("[{\"InvoiceNo\": \"536370\",}]", RowErrorKind.MalformedJson, "malformed JSON")]
    [InlineData("[] []", RowErrorKind.MalformedJson, "malformed JSON")]
    [InlineData("[", RowErrorKind.MalformedJson, "malformed JSON")]
    public async Task Structural_problems_fail_the_file_whatever_the_policy(string json, RowErrorKind kind, string message)
    {
        foreach (var policy in Enum.GetValues<RowErrorPolicy>())
        {
            var e = await Assert.ThrowsAsync<SalesDataException>(() => Aggregate(json, policy));
            Assert.Equal(kind, e.Error.Kind);
            Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Quarantine_keeps_a_bounded_list_but_counts_every_bad_row()
    {
        var rows = Enumerable.Range(0, 250).Select(_ => Row(quantity: "x")).Append(Row()).ToArray();
        var summary = await SalesAggregator.AggregateAsync(
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(File(rows))),
            new SalesAggregatorOptions { Policy = RowErrorPolicy.Quarantine, MaxErrorsKept = 10 });

        Assert.Equal(250, summary.RowErrors);
        Assert.Equal(10, summary.Errors.Count);
        Assert.Equal(1, summary.Rows);
        Assert.Equal(3.00m, summary.Total);
    }
}
