using System.Text.Json.Nodes;
using BatchKit.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// A redrive survives restarts like executions do: an execution that failed before a restart is redriven after it
/// (resuming at its failed state, on the new emulator's services), and its redriveCount and history are kept.
/// </summary>
public sealed class StepFunctionsRedriveDurabilityTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-redrive-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<EmulatorHost> StartAsync() => EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });

    [Fact]
    public async Task An_execution_failed_before_a_restart_is_redriven_after_it_and_its_redrive_is_kept()
    {
        string execution;
        string activity;
        await using (var first = await StartAsync())
        {
            using var client = new EndpointClient(first.ServiceUrl);
            var api = StatesApi.Of(client);
            activity = await api.CreateActivityAsync("restart-work");
            var machine = await api.CreateMachineAsync("restart-redrive", """
                {"StartAt": "First", "States": {"First": {"Type": "Pass", "Result": {"n": 7}, "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "ACTIVITY", "End": true}}}
                """.Replace("ACTIVITY", activity, StringComparison.Ordinal));
            execution = await api.StartAsync(machine);
            await api.FailAsync((await api.TakeTaskAsync(activity)).Token, "Flaky", "before the restart");
            Assert.Equal("FAILED", (await api.WaitAsync(execution))["status"]!.GetValue<string>());
        }

        await using (var second = await StartAsync())
        {
            using var client = new EndpointClient(second.ServiceUrl);
            var api = StatesApi.Of(client);
            Assert.Equal("restart-work", (await api.OkAsync("DescribeActivity", new JsonObject { ["activityArn"] = activity }))["name"]!.GetValue<string>());
            Assert.Equal("REDRIVABLE", (await api.DescribeAsync(execution))["redriveStatus"]!.GetValue<string>());
            await api.OkAsync("RedriveExecution", new JsonObject { ["executionArn"] = execution });
            var (token, input) = await api.TakeTaskAsync(activity);
            Assert.Equal("""{"n":7}""", input!.ToJsonString());
            await api.SucceedAsync(token, new JsonObject { ["done"] = true });
            Assert.Equal("SUCCEEDED", (await api.WaitAsync(execution))["status"]!.GetValue<string>());
        }

        await using var third = await StartAsync();
        using var later = new EndpointClient(third.ServiceUrl);
        var again = StatesApi.Of(later);
        var described = await again.DescribeAsync(execution);
        Assert.Equal(("SUCCEEDED", 1, """{"done":true}"""),
            (described["status"]!.GetValue<string>(), described["redriveCount"]!.GetValue<int>(), described["output"]!.GetValue<string>()));
        Assert.NotNull(described["redriveDate"]);
        var types = await again.HistoryTypesAsync(execution);
        Assert.Equal(["ExecutionFailed", "ExecutionRedriven", "TaskStateEntered"], types.Skip(types.IndexOf("ExecutionFailed")).Take(3));
        Assert.Single(types, t => t == "PassStateEntered");
        var listed = await again.OkAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = "arn:aws:states:us-east-1:000000000000:stateMachine:restart-redrive", ["redriveFilter"] = "REDRIVEN",
        });
        Assert.Equal(execution, Assert.Single(listed["executions"]!.AsArray())!["executionArn"]!.GetValue<string>());
    }
}
