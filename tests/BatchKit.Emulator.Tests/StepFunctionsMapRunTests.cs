using System.Text.Json.Nodes;
using BatchKit.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// UpdateMapRun on a running Distributed Map, through the real AWS CLI: a raised MaxConcurrency starts the waiting
/// children at once, a raised ToleratedFailureCount lets the Map Run succeed with a failure it would have failed on,
/// and bad requests get AWS's errors. Activity workers hold the children open, so what runs at once is observable.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html
/// </summary>
public sealed class StepFunctionsMapRunTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StatesApi _api = StatesApi.Of(emulator);

    [Fact]
    public async Task Raising_MaxConcurrency_starts_the_waiting_children_of_a_running_Map_Run()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("child"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("concurrency"), DistributedMap(activity, "\"MaxConcurrency\": 1"));
        var execution = await _api.StartAsync(machine, """{"items": [0, 1, 2]}""");
        var first = await _api.TakeTaskAsync(activity);
        var mapRunArn = await MapRunArnAsync(execution);
        var before = await DescribeMapRunAsync(mapRunArn);
        Assert.Equal((1, 1L, 2L), (before["maxConcurrency"]!.GetValue<int>(), Count(before, "running"), Count(before, "pending")));

        var update = await Cli("stepfunctions", "update-map-run", "--map-run-arn", mapRunArn, "--max-concurrency", "3");

        Assert.Equal("", update.Output.Trim());
        var second = await _api.TakeTaskAsync(activity);
        var third = await _api.TakeTaskAsync(activity);
        var after = await DescribeMapRunAsync(mapRunArn);
        Assert.Equal((3, 3L, 0L), (after["maxConcurrency"]!.GetValue<int>(), Count(after, "running"), Count(after, "pending")));
        foreach (var (token, input) in new[] { first, second, third })
        {
            await _api.SucceedAsync(token, new JsonObject { ["v"] = input!["i"]!.GetValue<int>() * 10 });
        }

        var done = await _api.WaitAsync(execution);
        Assert.Equal(("SUCCEEDED", """[{"v":0},{"v":10},{"v":20}]"""), (done["status"]!.GetValue<string>(), done["output"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_raised_ToleratedFailureCount_decides_the_Map_Run_verdict()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("child"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("tolerance"), DistributedMap(activity, "\"MaxConcurrency\": 2"));
        var execution = await _api.StartAsync(machine, """{"items": [0, 1]}""");
        var first = await _api.TakeTaskAsync(activity);
        var mapRunArn = await MapRunArnAsync(execution);

        await Cli("stepfunctions", "update-map-run", "--map-run-arn", mapRunArn, "--tolerated-failure-count", "1",
            "--tolerated-failure-percentage", "50");
        await _api.FailAsync(first.Token, "Boom", "one item fails");
        var second = await _api.TakeTaskAsync(activity);
        await _api.SucceedAsync(second.Token, new JsonObject { ["v"] = 1 });

        var done = await _api.WaitAsync(execution);
        Assert.Equal("SUCCEEDED", done["status"]!.GetValue<string>());
        var described = await DescribeMapRunAsync(mapRunArn);
        Assert.Equal((1L, 50.0, "SUCCEEDED"), (described["toleratedFailureCount"]!.GetValue<long>(),
            described["toleratedFailurePercentage"]!.GetValue<double>(), described["status"]!.GetValue<string>()));
        Assert.Equal(1L, Count(described, "failed"));
    }

    [Fact]
    public async Task Bad_requests_get_AWS_errors()
    {
        var unknown = "arn:aws:states:us-east-1:000000000000:mapRun:nothing/Each:" + Guid.NewGuid();
        var execution = "arn:aws:states:us-east-1:000000000000:execution:nothing:run";

        Assert.Equal("ResourceNotFound", (await UpdateAsync(new JsonObject { ["mapRunArn"] = unknown, ["maxConcurrency"] = 2 })).Code);
        Assert.Equal("InvalidArn", (await UpdateAsync(new JsonObject { ["mapRunArn"] = execution, ["maxConcurrency"] = 2 })).Code);
        var negative = await UpdateAsync(new JsonObject { ["mapRunArn"] = unknown, ["maxConcurrency"] = -1 });
        Assert.Equal(("ValidationException", "1 validation error detected: Value '-1' at 'maxConcurrency' failed to satisfy constraint: "
            + "Member must have value greater than or equal to 0"), negative);
        var percentage = await UpdateAsync(new JsonObject { ["mapRunArn"] = unknown, ["toleratedFailurePercentage"] = 101 });
        Assert.Equal(("ValidationException", "1 validation error detected: Value '101' at 'toleratedFailurePercentage' failed to satisfy "
            + "constraint: Member must have value less than or equal to 100"), percentage);
        Assert.Equal("ValidationException", (await UpdateAsync(new JsonObject { ["mapRunArn"] = unknown, ["toleratedFailureCount"] = -3 })).Code);
    }

    private static string DistributedMap(string activity, string limits) => """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", LIMITS, "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Work",
            "States": {"Work": {"Type": "Task", "Resource": "ACTIVITY", "Parameters": {"i.$": "$"}, "End": true}}}}}}
        """.Replace("ACTIVITY", activity, StringComparison.Ordinal).Replace("LIMITS", limits, StringComparison.Ordinal);

    private async Task<string> MapRunArnAsync(string execution) =>
        Assert.Single((await _api.OkAsync("ListMapRuns", new JsonObject { ["executionArn"] = execution }))["mapRuns"]!.AsArray())!
            ["mapRunArn"]!.GetValue<string>();

    private Task<JsonObject> DescribeMapRunAsync(string mapRunArn) => _api.OkAsync("DescribeMapRun", new JsonObject { ["mapRunArn"] = mapRunArn });

    private static long Count(JsonObject mapRun, string count) => mapRun["executionCounts"]![count]!.GetValue<long>();

    private Task<(string Code, string Message)> UpdateAsync(JsonObject request) => _api.ErrorAsync("UpdateMapRun", request);

    private async Task<(int ExitCode, string Output, string Error)> Cli(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
