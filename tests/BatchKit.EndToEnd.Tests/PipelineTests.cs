using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BatchKit.Sales;
using BatchKit.SampleData;

namespace BatchKit.EndToEnd.Tests;

/// <summary>
/// Uploads through the deployed pipeline, end to end: S3 notification → the upload Lambda (real bootstrap) → Step
/// Functions (Slack via the WireMock.Net stub, Distributed Map, one real worker process per store, the summary Lambda) → the
/// report in S3 and the Slack messages. Money is compared exactly with the day's expected file.
/// </summary>
public sealed class PipelineTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Fact]
    public async Task Day01_succeeds_and_the_report_and_Slack_carry_its_exact_totals()
    {
        await stack.UploadAsync("uploads/day01.zip", await File.ReadAllBytesAsync(PipelineStack.Shared("data", "online-retail", "day01.zip")));

        var execution = await stack.WaitForDayAsync("day01");

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error}: {execution.Cause}");
        var expected = DayTotals.Read(PipelineStack.Shared("data", "online-retail", "day01.expected.json"));
        var report = await stack.ReadJsonAsync("reports/day01/summary.json");
        AssertMatches(expected, report);
        Assert.Equal("58635.56", report["total"]!.GetValue<string>());
        var slack = await stack.SlackAboutAsync("day01", execution);
        Assert.Equal(2, slack.Count);
        Assert.StartsWith("BatchKit: starting the sales batch for processed/day01/", slack[0].Text, StringComparison.Ordinal);
        Assert.Contains("10 of 10 stores, 3108 rows, total $58635.56", slack[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_day_of_100_stores_matches_its_expected_file()
    {
        var zip = new MemoryStream();
        var expected = DayGenerator.Generate(new GeneratorOptions { Stores = 100, RowsMin = 50, RowsMax = 150, Seed = 7 }, zip);
        await stack.UploadAsync("uploads/gen100.zip", zip.ToArray());

        var execution = await stack.WaitForDayAsync("gen100", TimeSpan.FromMinutes(3));

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error}: {execution.Cause}");
        AssertMatches(expected, await stack.ReadJsonAsync("reports/gen100/summary.json"));
    }

    [Fact]
    public async Task A_day_with_bad_rows_names_the_failed_stores_and_sums_the_rest()
    {
        var zip = new MemoryStream();
        var expected = DayGenerator.Generate(new GeneratorOptions
        {
            Stores = 8, RowsMin = 100, RowsMax = 300, Seed = 11, BadRowKinds = [BadRowKind.NonNumericUnitPrice, BadRowKind.MalformedJson], BadRowRate = 0.002,
        }, zip);
        var failing = expected.Stores.Where(s => s.Value.FailsByDefault).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(failing.Count, 1, 4); // the seed gives some bad stores, but no more than the Map tolerates (50 %)
        await stack.UploadAsync("uploads/badrows.zip", zip.ToArray());

        var execution = await stack.WaitForDayAsync("badrows");

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error}: {execution.Cause}");
        var report = await stack.ReadJsonAsync("reports/badrows/summary.json");
        Assert.Equal(failing, report["stores_failed"]!.AsArray().Select(s => s!.GetValue<string>()));
        var good = expected.Stores.Where(s => !s.Value.FailsByDefault).ToList();
        Assert.Equal(Money.ToText(good.Sum(s => s.Value.Total)), report["total"]!.GetValue<string>());
        Assert.Equal(good.Sum(s => s.Value.Rows), report["rows"]!.GetValue<long>());
        Assert.All(report["failures"]!.AsArray(), f => Assert.Equal("BatchKit.InvalidData", f!["error"]!.GetValue<string>()));
        var results = (await stack.SlackAboutAsync("badrows", execution))[^1].Text;
        Assert.Contains($"{failing.Count} stores failed", results, StringComparison.Ordinal);
        Assert.All(failing, store => Assert.Contains(store, results, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Corrupt_and_zip_slip_uploads_start_nothing_and_fail_visibly()
    {
        await stack.UploadAsync("uploads/corrupt.zip", [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
        await stack.UploadAsync("uploads/slip.zip", Zip(("store_1.json", "[]"), ("../../etc/store_2.json", "[]")));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonArray failed;
        do
        {
            await Task.Delay(200);
            failed = await stack.FailedLambdaEventsAsync();
        }
        while (failed.Count(e => e!["error"]!.GetValue<string>().Contains("uploads/corrupt.zip", StringComparison.Ordinal) || e["error"]!.GetValue<string>().Contains("uploads/slip.zip", StringComparison.Ordinal)) < 2
               && DateTime.UtcNow < deadline);

        var errors = failed.Select(e => e!["error"]!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("uploads/corrupt.zip was refused: it is not a valid zip", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("uploads/slip.zip was refused", StringComparison.Ordinal) && e.Contains("zip slip", StringComparison.Ordinal));
        Assert.Empty(await stack.KeysAsync("processed/corrupt/"));
        Assert.Empty(await stack.KeysAsync("processed/slip/"));
        var names = (await stack.StepFunctions.ListExecutionsAsync(stack.Stack.StateMachineArn)).Executions.Select(e => e.Name).ToList();
        Assert.DoesNotContain(names, n => Contracts.ExecutionNames.IsForDay(n, "corrupt") || Contracts.ExecutionNames.IsForDay(n, "slip"));
    }

    [Fact]
    public async Task A_duplicated_S3_event_does_not_start_a_second_run()
    {
        await stack.UploadAsync("uploads/dup.zip", Zip(("store_1.json", Row("1", quantity: 2, unitPrice: "1.25"))));
        var first = await stack.WaitForDayAsync("dup");
        Assert.True(first.Status == "SUCCEEDED", $"{first.Error}: {first.Cause}");
        var head = await stack.S3.GetObjectMetadataAsync(stack.Stack.Bucket, "uploads/dup.zip");

        // S3 delivers at least once: hand the upload Lambda the same event again.
        var duplicate = new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["eventName"] = "ObjectCreated:Put",
                ["s3"] = new JsonObject
                {
                    ["bucket"] = new JsonObject { ["name"] = stack.Stack.Bucket },
                    ["object"] = new JsonObject { ["key"] = "uploads/dup.zip", ["size"] = head.ContentLength, ["eTag"] = head.ETag.Trim('"') },
                },
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(stack.Endpoint, "/2015-03-31/functions/batchkit-upload/invocations")) { Content = JsonContent.Create(duplicate) };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=t/20261122/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await stack.Http.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("duplicate", answer["uploads"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(first.ExecutionArn, answer["uploads"]![0]!["execution_arn"]!.GetValue<string>());
        var name = Contracts.ExecutionNames.For(stack.Stack.Bucket, "uploads/dup.zip", head.ETag.Trim('"'), "dup");
        var runs = (await stack.StepFunctions.ListExecutionsAsync(stack.Stack.StateMachineArn)).Executions.Where(e => e.Name == name).ToList();
        Assert.Equal(first.ExecutionArn, Assert.Single(runs).ExecutionArn); // this upload ran once (a shared stack may hold other uploads of dup.zip)
    }

    [Fact]
    public async Task Slack_answering_500_twice_is_retried_and_the_results_are_not_lost()
    {
        await stack.Slack.FailNextAsync("sales for slack500:", times: 2, status: 500);
        await stack.UploadAsync("uploads/slack500.zip", Zip(("store_5.json", Row("9", quantity: 3, unitPrice: "0.10"))));

        var execution = await stack.WaitForDayAsync("slack500");

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error}: {execution.Cause}");
        var results = (await stack.SlackAboutAsync("slack500", execution)).Where(m => m.Text.Contains("sales for slack500:", StringComparison.Ordinal)).ToList();
        Assert.Equal([500, 500, 200], results.Select(m => m.Status));
        Assert.All(results, m => Assert.Contains("total $0.30", m.Text, StringComparison.Ordinal));
        Assert.Equal("0.30", (await stack.ReadJsonAsync("reports/slack500/summary.json"))["total"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_day_succeeds_with_a_no_stores_message()
    {
        await stack.UploadAsync("uploads/empty.zip", Zip(("README.txt", "no stores today")));

        var execution = await stack.WaitForDayAsync("empty");

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error}: {execution.Cause}");
        Assert.Contains((await stack.SlackAboutAsync("empty", execution)), m => m.Text.Contains("no stores", StringComparison.Ordinal));
        Assert.Equal(0, (await stack.ReadJsonAsync("reports/empty/summary.json"))["stores"]!.GetValue<int>());
    }

    internal static void AssertMatches(DayTotals expected, JsonNode report)
    {
        Assert.True(report["stores_failed"]!.AsArray().Count == 0, "stores failed: " + report["failures"]!.ToJsonString());
        Assert.Equal(expected.Rows, report["rows"]!.GetValue<long>());
        Assert.Equal(Money.ToText(expected.Total), report["total"]!.GetValue<string>());
        var byStore = report["by_store"]!.AsObject();
        Assert.Equal(expected.Stores.Keys.Order(StringComparer.Ordinal), byStore.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (store, totals) in expected.Stores)
        {
            Assert.Equal(totals.Rows, byStore[store]!["rows"]!.GetValue<long>());
            Assert.Equal(Money.ToText(totals.Total), byStore[store]!["total"]!.GetValue<string>());
        }
    }

    /// <summary>A one-row store file in the real data's shape (every field a string, dates dd-MM-yyyy H:mm).</summary>
    private static string Row(string invoice, int quantity, string unitPrice) =>
        $$"""[{"InvoiceNo": "{{invoice}}", "StockCode": "20679", "Description": "EDWARDIAN PARASOL RED", "Quantity": "{{quantity}}", "InvoiceDate": "01-12-2010 9:02", "UnitPrice": "{{unitPrice}}", "CustomerID": "17850", "Country": "United Kingdom"}]""";

    internal static byte[] Zip(params (string Name, string Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
