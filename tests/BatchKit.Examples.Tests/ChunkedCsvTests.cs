using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChunkedCsv.Batch;
using ChunkedCsv.Local;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The chunked-CSV example end to end: a CSV uploaded with the real S3 SDK → S3 notification → the trigger Lambda (real
/// bootstrap process) → the main workflow: splitFile, one nested chunk workflow per chunk (startExecution.sync:2) that
/// validates each row in an inline Map, records invalid rows with dynamodb:putItem and prices valid ones with
/// dynamodb:getItem, then mergeChunks and emailLink (SES v2). Everything it left is checked against the test's own
/// expectations: the nested executions, the merged file, the errors table and the mailed presigned link.
/// </summary>
public sealed class ChunkedCsvTests(ChunkedCsvExample example) : IClassFixture<ChunkedCsvExample>
{
    private const int Records = 330;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(240);

    /// <summary>Line → (the row as written, the reason the pipeline must give). Spread over chunks, first and last line too.</summary>
    private static readonly Dictionary<int, (string Row, string Reason)> InvalidRows = new()
    {
        [2] = ("ORD-0001,P-001,0", "quantity '0' is not a whole number from 1 to 1000000"),
        [45] = ("ORD-0044,,3", "product_id is empty"),
        [46] = ("ORD-0045,P-002,many", "quantity 'many' is not a whole number from 1 to 1000000"),
        [120] = ("ORD-0119,P-404,2", "product_id 'P-404' has no price in the prices table"),
        [161] = ("ORD-0160,P-003", "expected 3 fields (order_id,product_id,quantity), found 2"),
        [200] = ("", "the row is empty"),
        [255] = ("ORD 0254,P-004,1", "order_id 'ORD 0254' is not 1 to 64 letters, digits, '-' or '_'"),
        [280] = ("\"ORD-0279\",P-005,1", "quoted values are not supported"),
        [Records + 1] = ("ORD-0330,P-001,1000001", "quantity '1000001' is not a whole number from 1 to 1000000"),
    };

    [Fact]
    public async Task A_few_hundred_rows_are_chunked_validated_priced_merged_and_mailed_as_a_link_to_exactly_the_valid_rows()
    {
        var random = new Random(20261130);
        var prices = Enumerable.Range(1, 15).ToDictionary(i => $"P-{i:D3}", _ => random.Next(99, 25_000) / 100m, StringComparer.Ordinal);
        prices["P-007"] = 12.5m; // DynamoDB drops trailing zeros of 12.50; the output still shows cents
        await example.Run.PutPricesAsync(prices);
        var (csv, expected) = Orders(random, prices);
        var file = $"orders-{Guid.NewGuid():N}"[..20] + ".csv";

        var name = await example.Run.UploadAsync(file, Encoding.UTF8.GetBytes(csv));
        var execution = await example.Run.WaitAsync(name, Deadline);

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Status} {execution.Error}: {execution.Cause}");
        var output = JsonNode.Parse(execution.Output!)!;
        Assert.Equal(Records, output["records"]!.GetValue<int>());
        Assert.Equal((Records - InvalidRows.Count, InvalidRows.Count), (output["rows"]!.GetValue<int>(), output["invalid"]!.GetValue<int>()));
        await AssertNestedExecutionsAsync(execution.ExecutionArn, output);
        var merged = await example.Run.ReadTextAsync(ChunkedCsvNames.Output + file);
        Assert.Equal(expected, merged);
        var invalid = await example.Run.InvalidRowsAsync(name);
        Assert.Equal(InvalidRows.OrderBy(r => r.Key).Select(r => (r.Key, r.Value.Reason, r.Value.Row)), invalid);

        var mail = Assert.Single(await example.Run.MailToAsync(ChunkedCsvExample.Recipient), m => m["Subject"]!.GetValue<string>() == $"Processed {file}");
        Assert.Equal(ChunkedCsvStack.Sender, mail["Source"]!.GetValue<string>());
        var link = ChunkedCsvRun.Link(mail);
        Assert.Contains("X-Amz-Signature=", link, StringComparison.Ordinal);
        using var http = new HttpClient(); // no AWS credentials: the link alone must do
        Assert.Equal(expected, await http.GetStringAsync(new Uri(link)));
    }

    [Fact]
    public async Task A_file_without_the_header_fails_at_the_split_and_starts_no_chunk_workflow()
    {
        var file = $"headless-{Guid.NewGuid():N}"[..20] + ".csv";

        var name = await example.Run.UploadAsync(file, "ORD-1,P-001,2\nORD-2,P-002,3\n"u8.ToArray());
        var execution = await example.Run.WaitAsync(name, Deadline);

        Assert.Equal("FAILED", execution.Status);
        Assert.Equal(ChunkedCsvErrors.InvalidFile, execution.Error);
        var message = JsonNode.Parse(execution.Cause!)!["errorMessage"]!.GetValue<string>(); // a Lambda task's cause is its error document
        Assert.Equal(
            $"s3://{example.Deployment.Bucket}/input/{file}: line 1: expected the header 'order_id,product_id,quantity', found 'ORD-1,P-001,2'", message);
        var history = await ExecutionHistory.ReadAsync(example.StepFunctions, execution.ExecutionArn);
        Assert.Equal(["SplitFile"], history.StatesEntered);
        Assert.Empty(await example.Run.ChunkExecutionsAsync(execution.ExecutionArn));
    }

    /// <summary>One nested execution per chunk, each SUCCEEDED, started by this run (its input names it), and the ones the run reports.</summary>
    private async Task AssertNestedExecutionsAsync(string mainExecutionArn, JsonNode output)
    {
        var chunks = await example.Run.ChunkExecutionsAsync(mainExecutionArn);
        var expectedChunks = (Records + ChunkedCsvExample.ChunkSize - 1) / ChunkedCsvExample.ChunkSize;
        Assert.Equal(expectedChunks, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Status == "SUCCEEDED", $"{c.ExecutionArn}: {c.Status} {c.Error}: {c.Cause}"));
        Assert.Equal(Enumerable.Range(1, expectedChunks), chunks.Select(c => JsonNode.Parse(c.Input!)!["chunk"]!["index"]!.GetValue<int>()).Order());
        var reported = output["chunkExecutions"]!.AsArray().Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(chunks.Select(c => c.ExecutionArn).Order(StringComparer.Ordinal), reported);
    }

    /// <summary>The upload's text and, computed here, the merged file it must give: every valid row with its price and total.</summary>
    private static (string Csv, string Expected) Orders(Random random, Dictionary<string, decimal> prices)
    {
        var csv = new StringBuilder("order_id,product_id,quantity\n");
        var expected = new StringBuilder("order_id,product_id,quantity,unit_price,total\n");
        for (var line = 2; line <= Records + 1; line++)
        {
            if (InvalidRows.TryGetValue(line, out var invalid))
            {
                csv.Append(invalid.Row).Append('\n');
                continue;
            }

            var (order, product, quantity) = ($"ORD-{line - 1:D4}", $"P-{random.Next(1, 16):D3}", random.Next(1, 50));
            var price = prices[product];
            var total = decimal.Round(price * quantity, 2, MidpointRounding.ToEven);
            csv.Append(CultureInfo.InvariantCulture, $"{order},{product},{quantity}\n");
            expected.Append(CultureInfo.InvariantCulture, $"{order},{product},{quantity},{price:0.00},{total:0.00}\n");
        }

        return (csv.ToString(), expected.ToString());
    }
}
