using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>ECS tasks as real processes, alone and through Step Functions' ecs:runTask.sync.</summary>
public sealed class EcsTests : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = new();

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync(new Dictionary<string, string[]>
        {
            ["ok"] = ["/bin/sh", "-c", "echo \"store $S3_KEY done\""],
            ["metadata"] = ["/bin/sh", "-c", "echo \"$ECS_CONTAINER_METADATA_URI_V4\""],
            ["crash"] = ["/bin/sh", "-c", "echo 'reading store_1003.json'; echo 'boom: out of memory' >&2; exit 3"],
        });
        await _emulator.JsonAsync("AmazonEC2ContainerServiceV20141113.CreateCluster", "ecs", new JsonObject { ["clusterName"] = "batchkit" });
        foreach (var image in new[] { "ok", "crash", "unmapped", "metadata" })
        {
            await _emulator.JsonAsync("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", "ecs", new JsonObject
            {
                ["family"] = image,
                ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image, ["environment"] = new JsonArray(new JsonObject { ["name"] = "S3_KEY", ["value"] = "processed/d/store_1.json" }) }),
            });
        }
    }

    public Task DisposeAsync() => _emulator.DisposeAsync();

    [Fact]
    public async Task A_task_runs_as_a_process_and_stops_with_its_exit_code()
    {
        var (_, run) = await _emulator.JsonAsync("AmazonEC2ContainerServiceV20141113.RunTask", "ecs", new JsonObject { ["cluster"] = "batchkit", ["taskDefinition"] = "crash", ["launchType"] = "FARGATE" });
        var arn = run["tasks"]![0]!["taskArn"]!.GetValue<string>();

        var task = await _emulator.WaitForTaskStoppedAsync("batchkit", arn);

        Assert.Equal(3, task["containers"]![0]!["exitCode"]!.GetValue<int>());
        Assert.Equal("Essential container in task exited", task["stoppedReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_AWS_CLI_registers_runs_and_describes_a_task_with_overrides()
    {
        async Task<JsonNode> Cli(params string[] args)
        {
            var (exit, output, error) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, ["ecs", .. args]);
            Assert.True(exit == 0, $"aws ecs {string.Join(' ', args)}: {error}");
            return JsonNode.Parse(output)!;
        }

        await Cli("create-cluster", "--cluster-name", "cli");
        var registered = await Cli("register-task-definition", "--family", "cli-crash", "--requires-compatibilities", "FARGATE", "--network-mode", "awsvpc",
            "--cpu", "256", "--memory", "512", "--container-definitions", """[{"name":"main","image":"crash","essential":true}]""");
        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:task-definition/cli-crash:1", registered["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>());

        var run = await Cli("run-task", "--cluster", "cli", "--task-definition", "cli-crash", "--launch-type", "FARGATE",
            "--network-configuration", "awsvpcConfiguration={subnets=[subnet-1],assignPublicIp=ENABLED}",
            "--overrides", """{"containerOverrides":[{"name":"main","environment":[{"name":"S3_KEY","value":"processed/d/store_7.json"}]}]}""");
        var arn = run["tasks"]![0]!["taskArn"]!.GetValue<string>();

        var task = await Eventually.ValueAsync(
            async () => (await Cli("describe-tasks", "--cluster", "cli", "--tasks", arn))["tasks"]![0]!,
            t => t["lastStatus"]!.GetValue<string>() == "STOPPED", "the CLI's task stopping");

        Assert.Equal(3, task["containers"]![0]!["exitCode"]!.GetValue<int>());
        Assert.Equal("Essential container in task exited", task["stoppedReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_finds_its_metadata_endpoint()
    {
        var (_, run) = await _emulator.JsonAsync("AmazonEC2ContainerServiceV20141113.RunTask", "ecs", new JsonObject { ["cluster"] = "batchkit", ["taskDefinition"] = "metadata" });
        var arn = run["tasks"]![0]!["taskArn"]!.GetValue<string>();
        // The task prints its ECS_CONTAINER_METADATA_URI_V4; read it back from the emulator's task output.
        string? uri = null;
        for (var i = 0; i < 100 && uri is null; i++)
        {
            await Task.Delay(50);
            var tasks = JsonNode.Parse(await _emulator.Http.GetStringAsync(new Uri(_emulator.Host.ServiceUrl, "/_batchkit/ecs/tasks")))!["tasks"]!.AsArray();
            uri = tasks.FirstOrDefault(t => t!["taskArn"]!.GetValue<string>() == arn && t["lastStatus"]!.GetValue<string>() == "STOPPED")?["output"]?.GetValue<string>().Trim();
        }

        Assert.NotNull(uri);
        var metadata = JsonNode.Parse(await _emulator.Http.GetStringAsync(new Uri(uri + "/task")))!;
        Assert.Equal(arn, metadata["TaskARN"]!.GetValue<string>());
        Assert.Equal("metadata", metadata["Family"]!.GetValue<string>());
        Assert.Equal("FARGATE", metadata["LaunchType"]!.GetValue<string>());
        Assert.Equal("main", JsonNode.Parse(await _emulator.Http.GetStringAsync(new Uri(uri!)))!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_task_sync_succeeds_on_exit_0_and_a_crash_fails_the_state_with_the_process_output()
    {
        Assert.Equal("SUCCEEDED", (await RunAsync("ok")).Status);

        var crashed = await RunAsync("crash");
        Assert.Equal(("FAILED", "States.TaskFailed"), (crashed.Status, crashed.Error));
        Assert.Contains("boom: out of memory", crashed.Cause, StringComparison.Ordinal);
        Assert.Contains("\"ExitCode\":3", crashed.Cause, StringComparison.Ordinal);

        var unmapped = await RunAsync("unmapped");
        Assert.Equal("FAILED", unmapped.Status);
        Assert.Contains("not mapped to a local command", unmapped.Cause, StringComparison.Ordinal);
    }

    private async Task<(string Status, string? Error, string? Cause)> RunAsync(string family)
    {
        var (_, machine) = await _emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = "sync-" + family,
            ["roleArn"] = "arn:aws:iam::000000000000:role/r",
            ["definition"] = """{"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Parameters": {"Cluster": "batchkit", "TaskDefinition": "FAMILY", "LaunchType": "FARGATE"}, "End": true}}}""".Replace("FAMILY", family, StringComparison.Ordinal),
        });
        var (_, started) = await _emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", new JsonObject { ["stateMachineArn"] = machine["stateMachineArn"]!.GetValue<string>(), ["input"] = "{}" });
        var described = await _emulator.WaitForExecutionAsync(started["executionArn"]!.GetValue<string>());

        return (described["status"]!.GetValue<string>(), described["error"]?.GetValue<string>(), described["cause"]?.GetValue<string>());
    }
}
