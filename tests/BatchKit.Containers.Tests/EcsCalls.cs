using System.Text.Json.Nodes;

namespace BatchKit.Containers.Tests;

/// <summary>ECS's JSON API on an emulator, as the SDKs send it, with deadlines on every wait.</summary>
internal sealed class EcsCalls(EmulatorFixture emulator, string cluster)
{
    private const string Ecs = "AmazonEC2ContainerServiceV20141113.";

    public async Task<JsonObject> CallAsync(string operation, JsonObject body)
    {
        var (status, answer) = await emulator.JsonAsync(Ecs + operation, "ecs", body);
        Assert.True(status == 200, $"{operation} answered {status}: {answer.ToJsonString()}");
        return answer;
    }

    public Task CreateClusterAsync() => CallAsync("CreateCluster", new JsonObject { ["clusterName"] = cluster });

    public Task RegisterAsync(string family, JsonObject container, string? cpu = null, string? memory = null)
    {
        container["name"] = "main";
        var definition = new JsonObject { ["family"] = family, ["containerDefinitions"] = new JsonArray(container) };
        if (cpu is not null)
        {
            definition["cpu"] = cpu;
        }

        if (memory is not null)
        {
            definition["memory"] = memory;
        }

        return CallAsync("RegisterTaskDefinition", definition);
    }

    public async Task<string> RunAsync(string family, JsonObject? containerOverride = null)
    {
        var request = new JsonObject { ["cluster"] = cluster, ["taskDefinition"] = family, ["launchType"] = "FARGATE" };
        if (containerOverride is not null)
        {
            containerOverride["name"] = "main";
            request["overrides"] = new JsonObject { ["containerOverrides"] = new JsonArray(containerOverride) };
        }

        return (await CallAsync("RunTask", request))["tasks"]![0]!["taskArn"]!.GetValue<string>();
    }

    public async Task<JsonNode> DescribeAsync(string taskArn) =>
        (await CallAsync("DescribeTasks", new JsonObject { ["cluster"] = cluster, ["tasks"] = new JsonArray(taskArn) }))["tasks"]![0]!;

    public Task StopAsync(string taskArn, string reason) =>
        CallAsync("StopTask", new JsonObject { ["cluster"] = cluster, ["task"] = taskArn, ["reason"] = reason });

    public async Task<JsonNode> WaitUntilStoppedAsync(string taskArn, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var task = await DescribeAsync(taskArn);
            if (task["lastStatus"]!.GetValue<string>() == "STOPPED")
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"task {taskArn} not STOPPED within {seconds} s: {task.ToJsonString()}\n{await OutputAsync(taskArn)}");
            await Task.Delay(50);
        }
    }

    /// <summary>The task's output, as `batchkit logs` reads it (GET /_batchkit/ecs/tasks).</summary>
    public async Task<string> OutputAsync(string taskArn) => (await TaskLogAsync(taskArn))["output"]!.GetValue<string>();

    public async Task<JsonNode> TaskLogAsync(string taskArn)
    {
        var tasks = JsonNode.Parse(await emulator.Http.GetStringAsync(new Uri(emulator.Host.ServiceUrl, "/_batchkit/ecs/tasks")))!["tasks"]!.AsArray();
        return tasks.Single(t => t!["taskArn"]!.GetValue<string>() == taskArn)!;
    }

    /// <summary>The task's container id, once the runtime has reported it (its output may arrive a moment earlier).</summary>
    public async Task<string> RuntimeIdAsync(string taskArn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if ((await DescribeAsync(taskArn))["containers"]![0]!["runtimeId"]?.GetValue<string>() is { } id)
            {
                return id;
            }

            Assert.True(DateTime.UtcNow < deadline, $"task {taskArn} has no runtimeId after 30 s");
            await Task.Delay(20);
        }
    }

    public async Task WaitForOutputAsync(string taskArn, string text, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        string output;
        while (!(output = await OutputAsync(taskArn)).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"task {taskArn} did not print '{text}' within {seconds} s; it printed:\n{output}");
            await Task.Delay(50);
        }
    }
}
