using System.Text.Json.Nodes;
using BatchKit.Emulator.Runtime;

namespace BatchKit.Containers.Tests;

/// <summary>ECS tasks as real containers (--ecs-runtime container): what they see, how they end, how they stop.</summary>
public sealed class EcsContainerTests : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = new();
    private EcsCalls _ecs = null!;

    public async Task InitializeAsync()
    {
        await LocalImages.RequireAsync(LocalImages.Debian);
        await _emulator.InitializeAsync(o => o with { EcsRuntime = RuntimeChoice.Container });
        _ecs = new EcsCalls(_emulator, "containers");
        await _ecs.CreateClusterAsync();
    }

    public Task DisposeAsync() => _emulator.DisposeAsync();

    private static JsonObject Script(string script, JsonObject? extra = null)
    {
        var container = extra ?? [];
        container["image"] = LocalImages.Debian;
        container["entryPoint"] = new JsonArray("/bin/sh", "-c");
        container["command"] = new JsonArray(script);
        return container;
    }

    [Fact]
    public async Task A_task_gets_its_environment_command_user_and_limits_and_stops_with_its_exit_code()
    {
        await _ecs.RegisterAsync("env", Script("echo never", new JsonObject
        {
            ["user"] = "4321",
            ["environment"] = new JsonArray(new JsonObject { ["name"] = "STORE", ["value"] = "from the definition" }),
        }), cpu: "512", memory: "256");

        // RunTask's overrides replace the command and add to the environment, as ECS's containerOverrides do.
        var arn = await _ecs.RunAsync("env", new JsonObject
        {
            ["command"] = new JsonArray("""
                echo "store=$STORE key=$S3_KEY uid=$(id -u) region=$AWS_REGION endpoint=$AWS_ENDPOINT_URL"
                echo "memory=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes) cpu=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)"
                echo "to stderr" >&2
                exit 3
                """),
            ["environment"] = new JsonArray(new JsonObject { ["name"] = "S3_KEY", ["value"] = "processed/d/store_7.json" }),
        });
        var task = await _ecs.WaitUntilStoppedAsync(arn);
        var output = await _ecs.OutputAsync(arn);

        Assert.Equal(3, task["containers"]![0]!["exitCode"]!.GetValue<int>());
        Assert.Equal(
            ("Essential container in task exited", "EssentialContainerExited"),
            (task["stoppedReason"]!.GetValue<string>(), task["stopCode"]!.GetValue<string>()));
        Assert.Equal("container", task["attributes"]![0]!["value"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", task["containers"]![0]!["runtimeId"]!.GetValue<string>());
        Assert.Equal("container", (await _ecs.TaskLogAsync(arn))["runtime"]!.GetValue<string>());
        var endpoint = _emulator.Host.ServiceUrl.ToString().TrimEnd('/');
        Assert.Contains(
            $"store=from the definition key=processed/d/store_7.json uid=4321 region=us-east-1 endpoint={endpoint}", output, StringComparison.Ordinal);
        // 256 MiB hard; 512 cpu units = half a vCPU = 50 ms of every 100 ms CFS period.
        Assert.Contains($"memory={256L * 1024 * 1024} cpu=50000", output, StringComparison.Ordinal);
        Assert.Contains("to stderr", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopTask_sends_SIGTERM_to_the_container_and_removes_it()
    {
        await _ecs.RegisterAsync("stop", Script("trap 'echo got SIGTERM; exit 0' TERM; echo started; while :; do sleep 0.1; done"));
        var arn = await _ecs.RunAsync("stop");
        await _ecs.WaitForOutputAsync(arn, "started");
        var id = await _ecs.RuntimeIdAsync(arn);

        await _ecs.StopAsync(arn, "Stopped by the test");
        var task = await _ecs.WaitUntilStoppedAsync(arn);

        Assert.Equal(("Stopped by the test", "UserInitiated"), (task["stoppedReason"]!.GetValue<string>(), task["stopCode"]!.GetValue<string>()));
        await WaitUntilAsync(async () => (await _ecs.OutputAsync(arn)).Contains("got SIGTERM", StringComparison.Ordinal), "the trap's line");
        await WaitUntilAsync(async () => !(await LocalImages.ContainersAsync(_ => true)).Contains(id), $"container {id} to be removed");
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_stops_with_137_and_OutOfMemoryError()
    {
        // tail keeps its last line in memory; 64 MiB of zeros is one line, over the container's 16 MiB.
        await _ecs.RegisterAsync("oom", Script("echo allocating; head -c 64m /dev/zero | tail", new JsonObject { ["memory"] = 16 }));
        var arn = await _ecs.RunAsync("oom");
        var task = await _ecs.WaitUntilStoppedAsync(arn);

        var container = task["containers"]![0]!;
        Assert.Equal(137, container["exitCode"]!.GetValue<int>());
        Assert.Equal("OutOfMemoryError: Container killed due to memory usage", container["reason"]!.GetValue<string>());
        Assert.Equal("Essential container in task exited", task["stoppedReason"]!.GetValue<string>());
        Assert.Contains("allocating", await _ecs.OutputAsync(arn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_whose_image_is_not_built_stops_with_CannotPullContainerError_saying_how_to_build_it()
    {
        await _ecs.RegisterAsync("missing", new JsonObject { ["image"] = "batchkit/never-built:0" });
        var arn = await _ecs.RunAsync("missing");
        var task = await _ecs.WaitUntilStoppedAsync(arn);

        var reason = task["stoppedReason"]!.GetValue<string>();
        Assert.StartsWith("CannotPullContainerError:", reason, StringComparison.Ordinal);
        Assert.Contains("'batchkit/never-built:0'", reason, StringComparison.Ordinal);
        Assert.Contains("make images", reason, StringComparison.Ordinal);
        Assert.Equal("TaskFailedToStart", task["stopCode"]!.GetValue<string>());
        Assert.Null(task["containers"]![0]!["exitCode"]);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after 30 s waiting for {what}");
            await Task.Delay(50);
        }
    }
}
