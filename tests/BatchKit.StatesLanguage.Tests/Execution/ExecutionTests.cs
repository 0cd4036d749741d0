using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.Tests.Execution;

public sealed class ExecutionTests
{
    [Fact]
    public async Task Wait_waits_on_the_engine_clock_not_the_wall_clock()
    {
        var clock = new ManualTimeProvider();
        var run = new EngineHarness { Time = clock }.Start("""{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
        await EngineHarness.Until(() => clock.PendingTimers > 0);

        clock.Advance(TimeSpan.FromSeconds(3599));
        Assert.Equal(ExecutionStatus.Running, run.Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal(TimeSpan.FromHours(1), run.StopDate - run.StartDate);
    }

    [Fact]
    public async Task A_payload_over_256_KiB_fails_with_States_DataLimitExceeded()
    {
        var big = new string('x', 300 * 1024);
        var run = new EngineHarness().Start("""{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "BIG", "End": true}}}""".Replace("BIG", big, StringComparison.Ordinal));

        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Failed, run.Status);
        Assert.Equal("States.DataLimitExceeded", run.Error);
    }

    [Fact]
    public async Task Stop_aborts_a_running_execution_once()
    {
        var clock = new ManualTimeProvider();
        var run = new EngineHarness { Time = clock }.Start("""{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}""");
        await EngineHarness.Until(() => clock.PendingTimers > 0);

        Assert.True(run.Stop("Operator", "stopped by a test"));
        Assert.False(run.Stop("Again", null));
        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Aborted, run.Status);
        Assert.Equal("ExecutionAborted", EngineHarness.Types(run)[^1]);
    }

    [Fact]
    public async Task A_runtime_error_names_the_state_and_the_event_it_entered_at()
    {
        var run = new EngineHarness().Start("""{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.missing", "End": true}}}""");

        await EngineHarness.Finished(run);

        Assert.Equal("States.Runtime", run.Error);
        Assert.StartsWith("An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.missing'", run.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Distributed_map_batches_items_tolerates_failures_and_records_the_map_run()
    {
        var reader = new ListReader(Enumerable.Range(0, 10).Select(i => (JsonNode?)new JsonObject { ["Key"] = $"processed/day/store_{1000 + i}.json" }).ToArray());
        var harness = new EngineHarness { ItemReader = reader };
        harness.Answer = i => i.Parameters!["Items"]![0]!["Key"]!.GetValue<string>().EndsWith("store_1003.json", StringComparison.Ordinal)
            ? TaskResult.Failure("BatchKit.InvalidData", "bad rows")
            : TaskResult.Success(new JsonObject { ["key"] = i.Parameters["Items"]![0]!["Key"]!.DeepClone(), ["bucket"] = i.Parameters["BatchInput"]!["bucket"]!.DeepClone() });
        var run = harness.Start("""
        {"StartAt": "Stores", "States": {"Stores": {"Type": "Map",
          "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket.$": "$.bucket", "Prefix": "processed/day/"}},
          "ItemBatcher": {"MaxItemsPerBatch": 1, "BatchInput": {"bucket.$": "$.bucket"}},
          "MaxConcurrency": 3, "ToleratedFailurePercentage": 20,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Work",
            "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true}}},
          "End": true}}}
        """, """{"bucket": "batchkit-sales"}""");

        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        var output = JsonNode.Parse(run.Output!)!.AsArray();
        Assert.Equal(10, output.Count);
        Assert.Null(output[3]);
        Assert.Equal("batchkit-sales", output[0]!["bucket"]!.GetValue<string>());
        var mapRun = Assert.Single(run.MapRuns);
        Assert.Equal(("SUCCEEDED", 10L, 9L, 1L, 0L), (mapRun.Status, mapRun.Total, mapRun.Succeeded, mapRun.Failed, mapRun.Pending));
        Assert.Equal(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"], EngineHarness.Types(run));
    }

    [Fact]
    public async Task Distributed_map_fails_when_failures_exceed_the_tolerance()
    {
        var reader = new ListReader(Enumerable.Range(0, 4).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        var harness = new EngineHarness { ItemReader = reader, Answer = _ => TaskResult.Failure("Boom", "every item fails") };
        var run = harness.Start("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1,
          "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::x", "End": true}}},
          "End": true}}}
        """);

        await EngineHarness.Finished(run);

        Assert.Equal("States.ExceedToleratedFailureThreshold", run.Error);
        Assert.Equal("FAILED", run.MapRuns.Single().Status);
    }

    private sealed class ListReader(JsonNode?[] items) : IItemReader
    {
        public Task<TaskResult> ReadItemsAsync(string resource, JsonNode? parameters, JsonNode? readerConfig, CancellationToken cancellationToken) =>
            Task.FromResult(TaskResult.Success(new JsonArray(items.Select(i => i?.DeepClone()).ToArray())));
    }
}
