using System.Text.Json.Nodes;
using BatchKit.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// RedriveExecution as AWS documents it: a FAILED, TIMED_OUT or ABORTED execution restarts from the state it did not
/// finish, reruns only the Map iterations and Parallel branches that failed, and keeps the successful states' results.
/// Activity workers (GetActivityTask, SendTask*) make a state fail on the first attempt and succeed on the redrive, so
/// the count of ActivityScheduled events proves what ran again.
/// https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
/// </summary>
public sealed class StepFunctionsRedriveTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StatesApi _api = StatesApi.Of(emulator);

    [Fact]
    public async Task A_failed_inline_Map_redrives_only_its_failed_and_unstarted_iterations_and_succeeds()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("each"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("inline"), InlineMap(activity));
        var execution = await _api.StartAsync(machine);

        await AnswerAsync(activity, failIndex: 1, expectedRedriveCount: 0); // item 0 succeeds
        await AnswerAsync(activity, failIndex: 1, expectedRedriveCount: 0); // item 1 fails; item 2 never starts
        var failed = await _api.WaitAsync(execution);
        Assert.Equal(("FAILED", "Boom"), (failed["status"]!.GetValue<string>(), failed["error"]!.GetValue<string>()));
        Assert.Equal(("REDRIVABLE", 0), (failed["redriveStatus"]!.GetValue<string>(), failed["redriveCount"]!.GetValue<int>()));

        var redriven = await _api.OkAsync("RedriveExecution", new JsonObject { ["executionArn"] = execution });
        Assert.NotNull(redriven["redriveDate"]);
        await AnswerAsync(activity, failIndex: -1, expectedRedriveCount: 1); // item 1 again
        await AnswerAsync(activity, failIndex: -1, expectedRedriveCount: 1); // item 2 for the first time
        var done = await _api.WaitAsync(execution);

        Assert.Equal("SUCCEEDED", done["status"]!.GetValue<string>());
        Assert.Equal("""[{"v":0},{"v":10},{"v":20}]""", done["output"]!.GetValue<string>());
        Assert.Equal((1, "NOT_REDRIVABLE"), (done["redriveCount"]!.GetValue<int>(), done["redriveStatus"]!.GetValue<string>()));
        Assert.Equal(redriven["redriveDate"]!.GetValue<double>(), done["redriveDate"]!.GetValue<double>());
        var types = await _api.HistoryTypesAsync(execution);
        Assert.Equal(4, types.Count(t => t == "ActivityScheduled")); // 2 before, 2 after: item 0 ran once
        Assert.Single(types, t => t == "PassStateEntered"); // "Prepare" before the Map is not run again
        Assert.Equal(types.IndexOf("ExecutionFailed") + 1, types.IndexOf("ExecutionRedriven"));
        Assert.Equal("ExecutionSucceeded", types[^1]);
    }

    [Fact]
    public async Task A_Parallel_state_reruns_only_the_failed_branch()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("slow"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("parallel"), """
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "Result": "quick", "End": true}}},
              {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "ACTIVITY", "End": true}}}]}}}
            """.Replace("ACTIVITY", activity, StringComparison.Ordinal));
        var execution = await _api.StartAsync(machine);
        await _api.FailAsync((await _api.TakeTaskAsync(activity)).Token, "Flaky", "first attempt");
        Assert.Equal("FAILED", (await _api.WaitAsync(execution))["status"]!.GetValue<string>());

        await _api.OkAsync("RedriveExecution", new JsonObject { ["executionArn"] = execution });
        await _api.SucceedAsync((await _api.TakeTaskAsync(activity)).Token, JsonValue.Create("slow"));
        var done = await _api.WaitAsync(execution);

        Assert.Equal(("SUCCEEDED", """["quick","slow"]"""), (done["status"]!.GetValue<string>(), done["output"]!.GetValue<string>()));
        Assert.Single(await _api.HistoryTypesAsync(execution), t => t == "PassStateEntered");
    }

    [Fact]
    public async Task An_aborted_execution_redrives_from_its_task_and_a_repeated_clientToken_answers_the_same_redrive()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("held"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("abort"), """
            {"StartAt": "First", "States": {"First": {"Type": "Pass", "Result": {"n": 1}, "Next": "Hold"},
              "Hold": {"Type": "Task", "Resource": "ACTIVITY", "End": true}}}
            """.Replace("ACTIVITY", activity, StringComparison.Ordinal));
        var execution = await _api.StartAsync(machine);
        var (oldToken, _) = await _api.TakeTaskAsync(activity);
        await _api.OkAsync("StopExecution", new JsonObject { ["executionArn"] = execution, ["error"] = "Operator" });
        Assert.Equal("ABORTED", (await _api.WaitAsync(execution))["status"]!.GetValue<string>());

        var request = new JsonObject { ["executionArn"] = execution, ["clientToken"] = "redrive-once" };
        var first = await _api.OkAsync("RedriveExecution", request);
        var again = await _api.OkAsync("RedriveExecution", request.DeepClone().AsObject());
        Assert.Equal(first["redriveDate"]!.GetValue<double>(), again["redriveDate"]!.GetValue<double>());
        Assert.Equal("RUNNING", (await _api.DescribeAsync(execution))["status"]!.GetValue<string>());

        var (token, input) = await _api.TakeTaskAsync(activity);
        Assert.Equal("""{"n":1}""", input!.ToJsonString());
        Assert.Equal("TaskDoesNotExist", (await _api.ErrorAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = oldToken, ["output"] = "{}" })).Code);
        await _api.SucceedAsync(token, new JsonObject { ["ok"] = true });
        var done = await _api.WaitAsync(execution);
        Assert.Equal(("SUCCEEDED", 1), (done["status"]!.GetValue<string>(), done["redriveCount"]!.GetValue<int>()));
        var types = await _api.HistoryTypesAsync(execution);
        Assert.Equal(["ExecutionAborted", "ExecutionRedriven", "TaskStateEntered"], types.Skip(types.IndexOf("ExecutionAborted")).Take(3));
        Assert.Single(types, t => t == "PassStateEntered");
    }

    [Fact]
    public async Task A_Distributed_Map_redrives_its_Map_Run_and_only_the_failed_child()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("child"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("distributed"), """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Work",
                "States": {"Work": {"Type": "Task", "Resource": "ACTIVITY", "Parameters": {"i.$": "$", "redrive.$": "$$.Execution.RedriveCount"},
                  "End": true}}}}}}
            """.Replace("ACTIVITY", activity, StringComparison.Ordinal));
        var execution = await _api.StartAsync(machine, """{"items": [0, 1, 2]}""");
        for (var n = 0; n < 3; n++)
        {
            await AnswerAsync(activity, failIndex: 1, expectedRedriveCount: 0);
        }

        Assert.Equal("States.ExceedToleratedFailureThreshold", (await _api.WaitAsync(execution))["error"]!.GetValue<string>());
        await _api.OkAsync("RedriveExecution", new JsonObject { ["executionArn"] = execution });
        await AnswerAsync(activity, failIndex: -1, expectedRedriveCount: 1);
        var done = await _api.WaitAsync(execution);

        Assert.Equal(("SUCCEEDED", """[{"v":0},{"v":10},{"v":20}]"""), (done["status"]!.GetValue<string>(), done["output"]!.GetValue<string>()));
        var mapRunArn = Assert.Single((await _api.OkAsync("ListMapRuns", new JsonObject { ["executionArn"] = execution }))["mapRuns"]!.AsArray())!
            ["mapRunArn"]!.GetValue<string>();
        var mapRun = await _api.OkAsync("DescribeMapRun", new JsonObject { ["mapRunArn"] = mapRunArn });
        Assert.Equal(("SUCCEEDED", 3, 0), (mapRun["status"]!.GetValue<string>(), mapRun["itemCounts"]!["succeeded"]!.GetValue<int>(),
            mapRun["itemCounts"]!["failed"]!.GetValue<int>()));
        var children = (await _api.OkAsync("ListExecutions", new JsonObject { ["mapRunArn"] = mapRunArn }))["executions"]!.AsArray();
        Assert.Equal(3, children.Count);
        Assert.All(children, c => Assert.Equal("SUCCEEDED", c!["status"]!.GetValue<string>()));
        Assert.Single(children, c => c!["redriveCount"]!.GetValue<int>() == 1);
        var types = await _api.HistoryTypesAsync(execution);
        Assert.Equal(["ExecutionRedriven", "MapStateEntered", "MapStateStarted", "MapRunRedriven"], types.Skip(types.IndexOf("ExecutionRedriven")).Take(4));
    }

    [Fact]
    public async Task Executions_that_cannot_be_redriven_answer_AWS_errors()
    {
        var passing = await _api.CreateMachineAsync(StatesApi.Unique("passes"), """{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""");
        var succeeded = await _api.StartAsync(passing);
        var described = await _api.WaitAsync(succeeded);
        Assert.Equal("NOT_REDRIVABLE", described["redriveStatus"]!.GetValue<string>());
        Assert.Contains("SUCCEEDED", described["redriveStatusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ExecutionNotRedrivable", (await Redrive(succeeded)).Code);

        var activity = await _api.CreateActivityAsync(StatesApi.Unique("never"));
        var waiting = await _api.StartAsync(await _api.CreateMachineAsync(StatesApi.Unique("waits"),
            StatesApi.OneTask(activity)));
        var (code, message) = await Redrive(waiting);
        Assert.Equal("ExecutionNotRedrivable", code);
        Assert.Contains("RUNNING", message, StringComparison.Ordinal);
        await _api.OkAsync("StopExecution", new JsonObject { ["executionArn"] = waiting });

        var express = await _api.CreateMachineAsync(
            StatesApi.Unique("express"), """{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}""", "EXPRESS");
        var expressExecution = await _api.StartAsync(express);
        Assert.Equal("FAILED", (await _api.WaitAsync(expressExecution))["status"]!.GetValue<string>());
        Assert.Contains("EXPRESS", (await Redrive(expressExecution)).Message, StringComparison.Ordinal);

        Assert.Equal("ExecutionDoesNotExist", (await Redrive(succeeded + "-missing")).Code);
        Assert.Equal("InvalidArn", (await Redrive("not-an-arn")).Code);
        Assert.Equal("ValidationException", (await _api.ErrorAsync("RedriveExecution", [])).Code);
        Assert.Equal("ValidationException", (await _api.ErrorAsync("RedriveExecution",
            new JsonObject { ["executionArn"] = succeeded, ["clientToken"] = new string('x', 65) })).Code);
        Assert.Equal("ValidationException", (await _api.ErrorAsync("ListExecutions",
            new JsonObject { ["stateMachineArn"] = passing, ["redriveFilter"] = "SOMETIMES" })).Code);
    }

    [Fact]
    public async Task The_CLI_redrives_and_lists_executions_by_redriveFilter()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("cli"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("cli-redrive"),
            StatesApi.OneTask(activity));
        var redriven = await _api.StartAsync(machine);
        await _api.FailAsync((await _api.TakeTaskAsync(activity)).Token, "Flaky", "first");
        await _api.WaitAsync(redriven);
        var untouched = await _api.StartAsync(machine);
        await _api.FailAsync((await _api.TakeTaskAsync(activity)).Token, "Flaky", "only");
        await _api.WaitAsync(untouched);

        var answer = JsonNode.Parse((await Cli("stepfunctions", "redrive-execution", "--execution-arn", redriven)).Output)!;
        Assert.NotNull(answer["redriveDate"]);
        await _api.SucceedAsync((await _api.TakeTaskAsync(activity)).Token, new JsonObject());
        await _api.WaitAsync(redriven);

        var described = JsonNode.Parse((await Cli("stepfunctions", "describe-execution", "--execution-arn", redriven)).Output)!;
        Assert.Equal(("SUCCEEDED", 1), (described["status"]!.GetValue<string>(), described["redriveCount"]!.GetValue<int>()));
        Assert.Equal([redriven], await ListAsync(machine, "REDRIVEN"));
        Assert.Equal([untouched], await ListAsync(machine, "NOT_REDRIVEN"));
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "stepfunctions", "redrive-execution", "--execution-arn", redriven);
        Assert.NotEqual(0, exit);
        Assert.Contains("ExecutionNotRedrivable", error, StringComparison.Ordinal);
    }

    /// <summary>A Map over [0, 1, 2] (one at a time) whose iterations are activity tasks, between two Pass states.</summary>
    private static string InlineMap(string activity) => """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Result": [0, 1, 2], "ResultPath": "$.items", "Next": "Each"},
          "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "Next": "Done",
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "ACTIVITY", "Parameters": {"i.$": "$", "redrive.$": "$$.Execution.RedriveCount"}, "End": true}}}},
          "Done": {"Type": "Succeed"}}}
        """.Replace("ACTIVITY", activity, StringComparison.Ordinal);

    /// <summary>One worker step: takes a task, fails it when its item is <paramref name="failIndex"/>, else answers {"v": i*10}.</summary>
    private async Task AnswerAsync(string activity, int failIndex, int expectedRedriveCount)
    {
        var (token, input) = await _api.TakeTaskAsync(activity);
        Assert.Equal(expectedRedriveCount, input!["redrive"]!.GetValue<int>());
        var i = input["i"]!.GetValue<int>();
        if (i == failIndex)
        {
            await _api.FailAsync(token, "Boom", $"item {i} failed");
            return;
        }

        await _api.SucceedAsync(token, new JsonObject { ["v"] = i * 10 });
    }

    private Task<(string Code, string Message)> Redrive(string executionArn) =>
        _api.ErrorAsync("RedriveExecution", new JsonObject { ["executionArn"] = executionArn });

    private async Task<List<string>> ListAsync(string machine, string filter) =>
        [.. JsonNode.Parse((await Cli("stepfunctions", "list-executions", "--state-machine-arn", machine, "--redrive-filter", filter)).Output)!
            ["executions"]!.AsArray().Select(e => e!["executionArn"]!.GetValue<string>())];

    private async Task<(int ExitCode, string Output, string Error)> Cli(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
