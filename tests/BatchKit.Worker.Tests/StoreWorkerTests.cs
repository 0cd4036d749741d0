using System.Text.Json.Nodes;
using BatchKit.Aws;
using BatchKit.Sales;

namespace BatchKit.Worker.Tests;

public sealed class StoreWorkerTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task A_real_store_file_is_summed_exactly_and_reported_with_the_reference_fields()
    {
        var sfn = new RecordingStepFunctions();
        var s3 = fixture.Reader();

        var exit = await new StoreWorker(s3, sfn, TimeProvider.System, TextWriter.Null).RunAsync(Settings("processed/day01/store_1000.json"), CancellationToken.None);

        Assert.Equal(0, exit);
        var output = JsonNode.Parse(Assert.Single(sfn.Successes))!;
        Assert.Equal("success", output["status"]!.GetValue<string>());
        Assert.Equal("1000", output["store_number"]!.GetValue<string>());
        Assert.Equal("store_1000", output["store"]!.GetValue<string>());
        Assert.Equal(242, output["item_transaction_count"]!.GetValue<long>());
        Assert.Equal("$5949.11", output["total_sales"]!.GetValue<string>());
        Assert.Equal("5949.11", output["total"]!.GetValue<string>());
        Assert.EndsWith("s", output["processing_time"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(sfn.Failures);
    }

    [Fact]
    public async Task Bad_rows_fail_the_task_with_a_named_error_and_the_row_and_field()
    {
        var sfn = new RecordingStepFunctions();
        var s3 = fixture.Reader();

        var exit = await new StoreWorker(s3, sfn, TimeProvider.System, TextWriter.Null).RunAsync(Settings("processed/bad/store_2000.json"), CancellationToken.None);

        Assert.Equal(1, exit);
        var (error, cause) = Assert.Single(sfn.Failures);
        Assert.Equal("BatchKit.InvalidData", error);
        Assert.Contains("row 1: UnitPrice \"abc\" is not a decimal number", cause, StringComparison.Ordinal);
        Assert.Contains("processed/bad/store_2000.json", cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_reports_the_valid_rows_and_counts_the_bad_ones()
    {
        var sfn = new RecordingStepFunctions();
        var s3 = fixture.Reader();

        await new StoreWorker(s3, sfn, TimeProvider.System, TextWriter.Null).RunAsync(Settings("processed/bad/store_2000.json") with { Policy = RowErrorPolicy.Quarantine }, CancellationToken.None);

        var output = JsonNode.Parse(Assert.Single(sfn.Successes))!;
        Assert.Equal((0L, 1L, "$0.00"), (output["item_transaction_count"]!.GetValue<long>(), output["row_errors"]!.GetValue<long>(), output["total_sales"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_missing_object_fails_the_task_as_an_S3_error()
    {
        var sfn = new RecordingStepFunctions();
        var s3 = fixture.Reader();

        await new StoreWorker(s3, sfn, TimeProvider.System, TextWriter.Null).RunAsync(Settings("processed/day01/store_9999.json"), CancellationToken.None);

        var (error, cause) = Assert.Single(sfn.Failures);
        Assert.Equal("BatchKit.S3Error", error);
        Assert.Contains("NoSuchKey", cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_flow_while_it_works_and_a_timed_out_task_stops_without_answering()
    {
        var s3 = fixture.Reader();
        var alive = new RecordingStepFunctions();
        await new StoreWorker(s3, alive, TimeProvider.System, TextWriter.Null).RunAsync(
            Settings("processed/day01/store_1000.json") with { HeartbeatInterval = TimeSpan.FromMilliseconds(20), SimulatedDelay = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);
        Assert.True(alive.Heartbeats >= 3, $"only {alive.Heartbeats} heartbeats in 300 ms at a 20 ms interval");
        Assert.Single(alive.Successes);

        var abandoned = new RecordingStepFunctions { HeartbeatError = "TaskTimedOut" };
        var exit = await new StoreWorker(s3, abandoned, TimeProvider.System, TextWriter.Null).RunAsync(
            Settings("processed/day01/store_1000.json") with { HeartbeatInterval = TimeSpan.FromMilliseconds(20), SimulatedDelay = TimeSpan.FromSeconds(30) }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(abandoned.Successes);
        Assert.Empty(abandoned.Failures);
        Assert.Equal(3, exit);
    }

    [Fact]
    public void Missing_settings_are_all_named_and_the_token_is_kept_for_the_failure_report()
    {
        var e = Assert.Throws<WorkerConfigurationException>(() => WorkerSettings.From(new Env(new() { ["TASK_TOKEN"] = "tok", ["BATCHKIT_ROW_ERROR_POLICY"] = "Ignore" })));

        Assert.Contains("S3_BUCKET is not set", e.Message, StringComparison.Ordinal);
        Assert.Contains("S3_KEY is not set", e.Message, StringComparison.Ordinal);
        Assert.Contains("BATCHKIT_ROW_ERROR_POLICY must be Fail or Quarantine", e.Message, StringComparison.Ordinal);
        Assert.Equal("tok", e.TaskToken);
        Assert.Null(Assert.Throws<WorkerConfigurationException>(() => WorkerSettings.From(new Env([]))).TaskToken);
    }

    private static WorkerSettings Settings(string key) =>
        new("token", WorkerFixture.Bucket, key, RowErrorPolicy.Fail, TimeSpan.FromSeconds(10), TimeSpan.Zero);

    private sealed class Env(Dictionary<string, string> values) : IEnvironmentVariables
    {
        public string? Get(string name) => values.GetValueOrDefault(name);
    }
}
