using BatchKit.Examples.Local;
using ChunkedCsv.Batch;

namespace BatchKit.Examples.Tests;

/// <summary>The chunked-CSV example's pure logic: the row rules, the split into chunks and back, the pricing, the names.</summary>
public sealed class ChunkedCsvLogicTests
{
    [Theory]
    [InlineData("", "the row is empty")]
    [InlineData("   ", "the row is empty")]
    [InlineData("\"A1\",P-1,2", "quoted values are not supported")]
    [InlineData("A1,P-1", "expected 3 fields (order_id,product_id,quantity), found 2")]
    [InlineData("A1,P-1,2,x", "expected 3 fields (order_id,product_id,quantity), found 4")]
    [InlineData(",P-1,2", "order_id is empty")]
    [InlineData("A1,P 1,2", "product_id 'P 1' is not 1 to 64 letters, digits, '-' or '_'")]
    [InlineData("A1,P-1,-2", "quantity '-2' is not a whole number from 1 to 1000000")]
    [InlineData("A1,P-1,2.5", "quantity '2.5' is not a whole number from 1 to 1000000")]
    [InlineData("A1,,x", "product_id is empty")] // the first rule broken is the one reported
    public void An_invalid_row_gets_the_reason_of_the_first_rule_it_breaks(string text, string reason)
    {
        var (row, actual) = OrderRow.Parse(7, text);

        Assert.Null(row);
        Assert.Equal(reason, actual);
    }

    [Fact]
    public void A_valid_row_is_parsed_with_its_fields_trimmed()
    {
        var (row, reason) = OrderRow.Parse(3, " A-1 , P_9 , 1000000\r");

        Assert.Null(reason);
        Assert.Equal(new OrderRow(3, "A-1", "P_9", 1_000_000), row);
    }

    [Fact]
    public void A_file_is_split_into_chunks_of_N_records_that_read_back_with_their_line_numbers()
    {
        var text = "order_id,product_id,quantity\r\na,p,1\r\nb,p,2\r\n\r\nc,p,3\r\nd,p,4\r\n";

        var chunks = CsvChunks.Split(text, 2);

        Assert.Equal([(1, 2, 2), (2, 4, 2), (3, 6, 1)], chunks.Select(c => (c.Index, c.FirstLine, c.Records.Count)));
        Assert.Equal("order_id,product_id,quantity\n\nc,p,3\n", chunks[1].Text);
        Assert.Equal([(4, ""), (5, "c,p,3")], CsvChunks.Records(chunks[1].Text, chunks[1].FirstLine));
        Assert.Equal([(6, "d,p,4")], CsvChunks.Records(chunks[2].Text, chunks[2].FirstLine));
    }

    [Fact]
    public void A_file_without_the_header_or_empty_is_refused_with_what_is_wrong()
    {
        Assert.Equal("the file is empty: it needs the header order_id,product_id,quantity",
            Assert.Throws<InvalidDataException>(() => CsvChunks.Split("", 10)).Message);
        Assert.Equal("line 1: expected the header 'order_id,product_id,quantity', found 'id,product,qty'",
            Assert.Throws<InvalidDataException>(() => CsvChunks.Split("id,product,qty\na,b,1\n", 10)).Message);
        Assert.Empty(CsvChunks.Split("order_id,product_id,quantity\n", 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvChunks.Split("order_id,product_id,quantity\n", CsvChunks.MaxSize + 1));
    }

    [Theory]
    [InlineData(3, "12.5", "a,p,3,12.50,37.50")]
    [InlineData(1, "0.125", "a,p,1,0.125,0.12")] // half-even: 0.125 → 0.12
    [InlineData(3, "0.125", "a,p,3,0.125,0.38")] // 0.375 → 0.38
    [InlineData(7, "1E+1", "a,p,7,10.00,70.00")]
    public void A_priced_row_totals_quantity_times_price_rounded_half_even_to_cents(int quantity, string price, string csv)
    {
        Assert.Equal(csv, new PricedRow(2, "a", "p", quantity, PricedRow.ParsePrice(price)).ToCsv());
    }

    [Fact]
    public void Names_map_input_to_output_and_an_upload_to_a_valid_execution_name()
    {
        Assert.Equal("output/2026/orders.csv", ChunkedCsvNames.OutputKey("input/2026/orders.csv"));
        Assert.True(ChunkedCsvNames.IsInput("input/a.csv"));
        Assert.False(ChunkedCsvNames.IsInput("input/.csv"));
        Assert.False(ChunkedCsvNames.IsInput("output/a.csv"));
        var name = ChunkedCsvNames.ExecutionName("input/nov orders (final).csv", "\"0123456789abcdef0123456789abcdef\"");
        Assert.Equal("nov-orders--final--0123456789abcdef0123456789abcdef", name);
        Assert.True(name.Length <= 80);
    }

    [Fact]
    public void Each_definition_has_exactly_the_placeholders_its_deploy_fills()
    {
        var main = new AslTemplate(ChunkedCsvDefinitions.MainResource, ChunkedCsvDefinitions.Main);
        var chunk = new AslTemplate(ChunkedCsvDefinitions.ChunkResource, ChunkedCsvDefinitions.Chunk);

        Assert.Equal(
            ChunkedCsvDefinitions.MainFunctions.Keys.Append(ChunkedCsvDefinitions.ChunkStateMachinePlaceholder).Order(StringComparer.Ordinal),
            main.Placeholders.Order(StringComparer.Ordinal));
        Assert.Equal(
            ChunkedCsvDefinitions.ChunkFunctions.Keys.Concat(ChunkedCsvDefinitions.ChunkTables.Keys).Order(StringComparer.Ordinal),
            chunk.Placeholders.Order(StringComparer.Ordinal));
    }
}
