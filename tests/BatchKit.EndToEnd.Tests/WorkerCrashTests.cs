using BatchKit.SampleData;

namespace BatchKit.EndToEnd.Tests;

/// <summary>
/// The stack with a worker that is killed mid-file the first time it gets store_1001 (as an out-of-memory kill
/// would): it never answers, its heartbeats stop, the task's HeartbeatSeconds (6 s in the template this stack
/// synthesizes, from the CDK context below; 120 s as written) expires, the Retry on States.HeartbeatTimeout runs a new
/// task, and the day completes with every store exact. Only this stack shortens it: a day with more stores than the
/// emulator runs at once keeps tasks waiting in PROVISIONING, and their heartbeat clock runs while they wait.
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

    protected override IReadOnlyDictionary<string, string> Context { get; } = new Dictionary<string, string>
    {
        [Contracts.Stack.CdkContextKeys.WorkerEnvironment] = Contracts.Worker.WorkerEnvironment.HeartbeatSeconds + "=1",
        [Contracts.Stack.CdkContextKeys.WorkerHeartbeatSeconds] = "6",
    };

    protected override string SynthesisName => "end-to-end-crash";
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
