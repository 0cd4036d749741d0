using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScheduledValidation;
using ScheduledValidation.Validation;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The scheduled-validation example end to end: CSV files put under <c>orders/incoming/</c> with the real S3 SDK; the
/// emulator's clock moved on to the schedule rule's next firing; the rule starts the state machine; prepare (a real
/// bootstrap process) lists the files; one ECS task per file (a real worker process) validates it and answers its task
/// token; the events:putEvents completion event goes to the custom bus, whose rule routes it to the SQS queue this test
/// reads with AWSSDK.SQS. Every count is known from how the test built each file, not from the validator.
/// </summary>
public sealed class ScheduledValidationTests(ScheduledValidationExample example) : IClassFixture<ScheduledValidationExample>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_schedule_runs_one_task_per_incoming_csv_and_the_queue_gets_every_files_exact_row_counts()
    {
        var files = new[]
        {
            new TestFile("clean.csv", OrdersCsv.Header, [.. Enumerable.Range(1, 25).Select(ValidRow)], []),
            new TestFile("mixed.csv", OrdersCsv.Header, [ValidRow(1), ValidRow(2), ValidRow(3)], InvalidRows),
            new TestFile("wrong-header.csv", "id;sku;qty;price;date", [], ["W-1;SKU-1;1;1.00;2026-11-01", ValidRow(4), ValidRow(5)]),
        };
        foreach (var file in files)
        {
            await example.Run.UploadAsync(file.Name, Encoding.UTF8.GetBytes(file.Text));
        }

        // Not part of the run: a file in a folder below incoming/, one that is not a CSV, and one outside incoming/.
        await example.Run.UploadAsync("archive/old.csv", Encoding.UTF8.GetBytes(OrdersCsv.Header + "\n" + ValidRow(9)));
        await example.Run.UploadAsync("readme.txt", Encoding.UTF8.GetBytes("not orders"));
        using (var s3 = example.Endpoint.S3())
        {
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = example.Deployment.Bucket, Key = "orders/other.csv", ContentBody = "x" });
        }

        Assert.Empty((await example.StepFunctions.ListExecutionsAsync(example.Deployment.StateMachineArn)).Executions); // nothing ran yet
        example.Clock.Advance(TimeSpan.FromHours(1)); // the rule's rate(1 hour) is due: the scheduler fires it within a second

        var completion = await example.Run.ReceiveCompletionAsync(Deadline);

        Assert.Equal((ValidationNames.EventSource, ValidationNames.CompletedDetailType),
            (completion["source"]!.GetValue<string>(), completion["detail-type"]!.GetValue<string>()));
        var detail = completion["detail"]!;
        var reported = detail["files"]!.AsArray()
            .Select(f => (Key: f!["key"]!.GetValue<string>(), Valid: f["valid_rows"]!.GetValue<int>(), Invalid: f["invalid_rows"]!.GetValue<int>()))
            .OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var expected = files.Select(f => ("orders/incoming/" + f.Name, f.Valid.Count, f.Invalid.Count)).OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, reported);
        await AssertRunAsync(detail);
    }

    /// <summary>The run is the one the schedule started, named after its time, and each file's result object agrees with the event.</summary>
    private async Task AssertRunAsync(JsonNode detail)
    {
        var execution = Assert.Single((await example.StepFunctions.ListExecutionsAsync(example.Deployment.StateMachineArn)).Executions);
        var described = await example.StepFunctions.DescribeExecutionAsync(execution.ExecutionArn);
        Assert.True(described.Status == "SUCCEEDED", $"{described.Status} {described.Error}: {described.Cause}");
        var history = await ExecutionHistory.ReadAsync(example.StepFunctions, execution.ExecutionArn);
        Assert.Equal(["PrepareWork", "ValidateFiles", "ValidationCompleted"], history.StatesEntered.Where(s => s != "ValidateFile").Distinct());
        Assert.Equal(3, history.StatesEntered.Count(s => s == "ValidateFile"));
        var run = detail["run"]!.GetValue<string>();
        Assert.True(DateTimeOffset.TryParseExact(run, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), run);

        foreach (var file in detail["files"]!.AsArray())
        {
            var resultKey = file!["result_key"]!.GetValue<string>();
            Assert.StartsWith($"orders/results/{run}/", resultKey, StringComparison.Ordinal);
            var result = JsonNode.Parse(await example.Run.ReadTextAsync(resultKey))!;
            Assert.Equal(file["valid_rows"]!.GetValue<int>(), result["valid_rows"]!.GetValue<int>());
            Assert.Equal(file["invalid_rows"]!.GetValue<int>(), result["invalid_rows"]!.GetValue<int>());
            Assert.Equal(!resultKey.EndsWith("wrong-header.json", StringComparison.Ordinal), result["header_ok"]!.GetValue<bool>());
        }
    }

    private static string ValidRow(int n) => $"O-{n:0000},SKU-{n % 7},{n % 5 + 1},{n % 40}.{n % 100:00},2026-11-{n % 28 + 1:00}";

    /// <summary>One row for each rule a row can break.</summary>
    private static readonly List<string> InvalidRows =
    [
        "B-1,SKU-1,2,3.00",                 // four columns
        "B-2,SKU-1,2,3.00,2026-11-01,extra", // six columns
        ",SKU-1,2,3.00,2026-11-01",         // no order_id
        "B-4,SKU-1,two,3.00,2026-11-01",    // quantity not a number
        "B-5,SKU-1,0,3.00,2026-11-01",      // quantity below 1
        "B-6,SKU-1,2,-3.00,2026-11-01",     // negative price
        "B-7,SKU-1,2,3.001,2026-11-01",     // three decimals
        "B-8,SKU-1,2,3.00,2026-02-30",      // no such date
        "B-9,SKU-1,2,3.00,01/11/2026",      // not yyyy-MM-dd
    ];

    private sealed record TestFile(string Name, string Header, List<string> Valid, List<string> Invalid)
    {
        /// <summary>Valid and invalid rows interleaved, with a blank line the rules skip.</summary>
        public string Text => string.Join("\n", [Header, .. Valid.Zip(Invalid).SelectMany(p => new[] { p.First, p.Second }),
            .. Valid.Skip(Invalid.Count), "", .. Invalid.Skip(Valid.Count)]) + "\n";
    }
}
