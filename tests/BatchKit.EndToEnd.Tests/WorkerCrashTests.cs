using BatchKit.SampleData;

namespace BatchKit.EndToEnd.Tests;

/// <summary>
/// The stack with a worker that is killed mid-file the first time it gets store_1001 (as an out-of-memory kill
/// would): it never answers, its heartbeats stop, the task's HeartbeatSeconds (shortened to 3 s here from 120 s)
/// expires, the Retry on States.HeartbeatTimeout runs a new task, and the day completes with every store exact.
/// </summary>
public sealed class CrashingWorkerStack : PipelineStack
{
    public string Marker { get; } = Path.Combine(Path.GetTempPath(), $"batchkit-crash-{Guid.NewGuid():N}");

    protected override string[] WorkerCommand =>
    [
        "/bin/sh", "-c",
        """
        case "$S3_KEY" in
          */store_1001.json) if [ ! -e "$0" ]; then
              touch "$0"
              BATCHKIT_SIMULATED_DELAY_SECONDS=30 "$1" & pid=$!
              sleep 1.5; kill -9 $pid; exit 137
            fi ;;
        esac
        exec "$1"
        """,
        Marker,
        Path.Combine(AppContext.BaseDirectory, "batchkit-worker"),
    ];

    protected override bool MayUseExternalEndpoint => false;

    protected override Func<string, string>? DefinitionTransform => definition =>
        definition.Replace("\"HeartbeatSeconds\": 120", "\"HeartbeatSeconds\": 3", StringComparison.Ordinal) is var changed && changed != definition
            ? changed
            : throw new InvalidOperationException("sales-batch.asl.json no longer has \"HeartbeatSeconds\": 120 on the worker task; update this test");
}

public sealed class WorkerCrashTests(CrashingWorkerStack stack) : IClassFixture<CrashingWorkerStack>
{
    [Fact]
    public async Task A_worker_killed_mid_file_is_retried_after_its_heartbeat_times_out_and_the_day_completes()
    {
        var zip = new MemoryStream();
        var expected = DayGenerator.Generate(new GeneratorOptions { Stores = 3, RowsMin = 50, RowsMax = 80, Seed = 3 }, zip);
        await stack.UploadAsync("uploads/crash.zip", zip.ToArray());

        var execution = await stack.WaitForDayAsync("crash", TimeSpan.FromMinutes(2));

        Assert.True(File.Exists(stack.Marker), "the worker for store_1001 was never killed: the test proved nothing");
        File.Delete(stack.Marker);
        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error}: {execution.Cause}");
        PipelineTests.AssertMatches(expected, await stack.ReadJsonAsync("reports/crash/summary.json"));
    }
}
