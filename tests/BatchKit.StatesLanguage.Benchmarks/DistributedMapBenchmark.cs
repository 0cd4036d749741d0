using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

/// <summary>
/// The engine's share of `make bench-map`'s Distributed Map, without HTTP or S3: a Map Run over items shaped like an
/// s3:listObjectsV2 listing (from an in-memory reader), a Pass iterator, one child execution per item. Prints the
/// time, the process CPU and the bytes allocated per child: the allocation figure does not depend on the machine's load.
/// </summary>
internal static class DistributedMapBenchmark
{
    public static async Task RunAsync(int count, int runs)
    {
        var engine = new ExecutionEngine(TimeProvider.System, itemReader: new ListingReader(count));
        var definition = StateMachineDefinition.Parse("""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1000,
              "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b", "Prefix": "items/"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "ResultSelector": {"count.$": "States.ArrayLength($)"}, "End": true}}}
            """);
        await RunOnceAsync(engine, definition, "warm-up", count); // the JIT
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        for (var run = 0; run < runs; run++)
        {
            await RunOnceAsync(engine, definition, $"run-{run}", count);
        }

        clock.Stop();
        process.Refresh();
        var children = (double)count * runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Distributed Map over {count:N0} listed items, Pass iterator, {runs} runs: {clock.Elapsed.TotalMilliseconds / runs,8:N1} ms/execution, "
            + $"CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds / runs:N0} ms/execution, "
            + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / children:N0} B allocated/child, "
            + $"GCs (gen 0/1/2) {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]} "
            + $"pausing {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / runs:N0} ms/execution"));
    }

    private static async Task RunOnceAsync(ExecutionEngine engine, StateMachineDefinition definition, string name, int count)
    {
        var identity = new ExecutionIdentity($"arn:aws:states:us-east-1:000000000000:execution:bench:{name}", name,
            "arn:aws:states:us-east-1:000000000000:stateMachine:bench", "bench", "arn:aws:iam::000000000000:role/bench");
        var execution = engine.StartExecution(definition, "{}", identity);
        await execution.Completion.WaitAsync(TimeSpan.FromMinutes(5));
        if (execution.Status != ExecutionStatus.Succeeded || execution.Output != $$"""{"count":{{count}}}""")
        {
            throw new InvalidOperationException($"distributed map: {execution.Status} {execution.Error} {execution.Cause} {execution.Output}");
        }
    }

    /// <summary>What S3ItemReader makes of a listObjectsV2 listing of <paramref name="count"/> small objects.</summary>
    private sealed class ListingReader(int count) : IItemReader
    {
        public Task<TaskResult> ReadItemsAsync(string resource, JsonNode? parameters, JsonNode? readerConfig, CancellationToken cancellationToken) =>
            Task.FromResult(new TaskResult(new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode?)new JsonObject
            {
                ["Etag"] = "\"99914b932bd37a50b983c5e7c90ae93b\"",
                ["Key"] = $"items/{i:D5}.json",
                ["LastModified"] = 1_764_547_200,
                ["Size"] = 2,
                ["StorageClass"] = "STANDARD",
            }).ToArray()), null, null));
    }
}
