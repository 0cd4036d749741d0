using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>StopTask on a task still waiting for a process slot (PROVISIONING): it must never start afterwards.</summary>
public sealed class EcsStopTaskTests : IAsyncLifetime
{
    private const string Ecs = "AmazonEC2ContainerServiceV20141113.";
    private readonly EmulatorFixture _emulator = new();
    private readonly string _marker = Path.Combine(Path.GetTempPath(), $"batchkit-stopped-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync(o => o with
        {
            MaxConcurrentTasks = 1,
            EcsImageCommands = new Dictionary<string, string[]>
            {
                ["busy"] = ["/bin/sh", "-c", "sleep 60"], // holds the one slot until the test stops it (a short sleep races a loaded CI machine)
                ["touch"] = ["/bin/sh", "-c", "touch \"$MARKER\""],
                ["ok"] = ["/bin/sh", "-c", "exit 0"],
            },
        });
        await _emulator.JsonAsync(Ecs + "CreateCluster", "ecs", new JsonObject { ["clusterName"] = "stop" });
        foreach (var image in new[] { "busy", "touch", "ok" })
        {
            await _emulator.JsonAsync(Ecs + "RegisterTaskDefinition", "ecs", new JsonObject
            {
                ["family"] = image,
                ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image, ["environment"] = new JsonArray(new JsonObject { ["name"] = "MARKER", ["value"] = _marker }) }),
            });
        }
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        File.Delete(_marker);
    }

    [Fact]
    public async Task A_task_stopped_while_provisioning_stays_stopped_and_its_process_never_runs()
    {
        var busy = await RunAsync("busy");
        var queued = await RunAsync("touch");
        Assert.Equal("PROVISIONING", (await DescribeAsync(queued))["lastStatus"]!.GetValue<string>());

        await _emulator.JsonAsync(Ecs + "StopTask", "ecs", new JsonObject { ["cluster"] = "stop", ["task"] = queued, ["reason"] = "Stopped by the test" });

        // Free the slot. It serves waiters in order: once a task queued after the stopped one has run, the stopped one
        // has had its turn too.
        await _emulator.JsonAsync(Ecs + "StopTask", "ecs", new JsonObject { ["cluster"] = "stop", ["task"] = busy, ["reason"] = "Slot freed by the test" });
        await WaitUntilStoppedAsync(busy);
        await WaitUntilStoppedAsync(await RunAsync("ok"));

        var stopped = await DescribeAsync(queued);
        Assert.Equal(("STOPPED", "Stopped by the test"), (stopped["lastStatus"]!.GetValue<string>(), stopped["stoppedReason"]!.GetValue<string>()));
        Assert.Null(stopped["containers"]![0]!["exitCode"]);
        Assert.False(File.Exists(_marker), "the stopped task's process ran anyway");
    }

    [Fact]
    public async Task A_cluster_with_a_running_task_is_not_deleted_and_an_idle_one_is()
    {
        var busy = await RunAsync("busy");

        var (refused, error) = await _emulator.JsonAsync(Ecs + "DeleteCluster", "ecs", new JsonObject { ["cluster"] = "stop" });
        await _emulator.JsonAsync(Ecs + "StopTask", "ecs", new JsonObject { ["cluster"] = "stop", ["task"] = busy, ["reason"] = "Stopped by the test" });
        await WaitUntilStoppedAsync(busy);
        var (deleted, cluster) = await _emulator.JsonAsync(Ecs + "DeleteCluster", "ecs", new JsonObject { ["cluster"] = "stop" });

        Assert.Equal((400, "ClusterContainsTasksException"), (refused, error["__type"]!.GetValue<string>().Split('#')[^1]));
        Assert.Equal((200, "INACTIVE"), (deleted, cluster["cluster"]!["status"]!.GetValue<string>()));
    }

    private async Task<string> RunAsync(string family)
    {
        var (_, run) = await _emulator.JsonAsync(Ecs + "RunTask", "ecs", new JsonObject { ["cluster"] = "stop", ["taskDefinition"] = family });
        return run["tasks"]![0]!["taskArn"]!.GetValue<string>();
    }

    private async Task<JsonNode> DescribeAsync(string arn) =>
        (await _emulator.JsonAsync(Ecs + "DescribeTasks", "ecs", new JsonObject { ["cluster"] = "stop", ["tasks"] = new JsonArray(arn) })).Body["tasks"]![0]!;

    private async Task WaitUntilStoppedAsync(string arn)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await DescribeAsync(arn))["lastStatus"]!.GetValue<string>() != "STOPPED")
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
