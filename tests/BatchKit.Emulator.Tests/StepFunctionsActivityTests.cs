using System.Text.Json.Nodes;
using BatchKit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Activities with workers: GetActivityTask long-polls for the tasks of Task states whose Resource is an activity ARN,
/// and the worker answers with SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat, as AWS runs them.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-activities.html
/// </summary>
public sealed class StepFunctionsActivityTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StatesApi _api = StatesApi.Of(emulator);

    [Fact]
    public async Task A_worker_takes_the_task_heartbeats_and_its_answer_is_the_state_result()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("greet"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("activity"), """
            {"StartAt": "Greet", "States": {"Greet": {"Type": "Task", "Resource": "ACTIVITY", "HeartbeatSeconds": 30, "TimeoutSeconds": 300,
              "Parameters": {"who.$": "$.name"}, "ResultPath": "$.greeting", "End": true}}}
            """.Replace("ACTIVITY", activity, StringComparison.Ordinal));
        var execution = await _api.StartAsync(machine, """{"name": "Ada"}""");

        var (token, input) = await _api.TakeTaskAsync(activity, "worker-7");
        Assert.Equal("""{"who":"Ada"}""", input!.ToJsonString());
        await _api.OkAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = token });
        await _api.SucceedAsync(token, JsonValue.Create("Hello, Ada"));
        var done = await _api.WaitAsync(execution);

        Assert.Equal(("SUCCEEDED", """{"name":"Ada","greeting":"Hello, Ada"}"""), (done["status"]!.GetValue<string>(), done["output"]!.GetValue<string>()));
        var history = await _api.HistoryAsync(execution);
        Assert.Equal(
            ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"],
            history.Select(e => e["type"]!.GetValue<string>()));
        var scheduled = history[2]["activityScheduledEventDetails"]!;
        Assert.Equal((activity, """{"who":"Ada"}""", 300, 30), (scheduled["resource"]!.GetValue<string>(), scheduled["input"]!.GetValue<string>(),
            scheduled["timeoutInSeconds"]!.GetValue<int>(), scheduled["heartbeatInSeconds"]!.GetValue<int>()));
        Assert.Equal("worker-7", history[3]["activityStartedEventDetails"]!["workerName"]!.GetValue<string>());
        Assert.Equal("TaskDoesNotExist", (await _api.ErrorAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = "{}" })).Code);
    }

    [Fact]
    public async Task A_worker_failure_is_caught_and_a_missed_heartbeat_times_the_task_out()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("flaky"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("catching"), """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "ACTIVITY", "Catch": [{"ErrorEquals": ["Worker.Broken"], "ResultPath": "$.error", "Next": "Quiet"}],
                "End": true},
              "Quiet": {"Type": "Task", "Resource": "ACTIVITY", "HeartbeatSeconds": 1, "End": true}}}
            """.Replace("ACTIVITY", activity, StringComparison.Ordinal));
        var execution = await _api.StartAsync(machine);

        await _api.FailAsync((await _api.TakeTaskAsync(activity)).Token, "Worker.Broken", "disk full");
        await _api.TakeTaskAsync(activity); // the second task is taken and never answered
        var done = await _api.WaitAsync(execution);

        Assert.Equal(("FAILED", "States.HeartbeatTimeout"), (done["status"]!.GetValue<string>(), done["error"]!.GetValue<string>()));
        var history = await _api.HistoryAsync(execution);
        var failed = history.Single(e => e["type"]!.GetValue<string>() == "ActivityFailed")["activityFailedEventDetails"]!;
        Assert.Equal(("Worker.Broken", "disk full"), (failed["error"]!.GetValue<string>(), failed["cause"]!.GetValue<string>()));
        Assert.Single(history, e => e["type"]!.GetValue<string>() == "ActivityTimedOut");
    }

    [Fact]
    public async Task A_poll_the_caller_abandons_takes_no_task_and_the_next_worker_gets_it()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("abandoned"));
        using (var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PollAsync(activity, gone.Token));
        }

        var machine = await _api.CreateMachineAsync(StatesApi.Unique("after-abandon"),
            StatesApi.OneTask(activity));
        var execution = await _api.StartAsync(machine, """{"k": 1}""");
        var (token, input) = await _api.TakeTaskAsync(activity);
        Assert.Equal("""{"k":1}""", input!.ToJsonString());
        await _api.SucceedAsync(token, new JsonObject());
        Assert.Equal("SUCCEEDED", (await _api.WaitAsync(execution))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetActivityTask_answers_empty_after_its_60_second_long_poll()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var data = Directory.CreateTempSubdirectory("batchkit-activity-").FullName;
        try
        {
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data }, clock);
            using var client = new EndpointClient(host.ServiceUrl);
            var api = StatesApi.Of(client);
            var activity = await api.CreateActivityAsync("idle");
            var poll = api.OkAsync("GetActivityTask", new JsonObject { ["activityArn"] = activity });
            // The poll's 60 s start when the emulator receives it: move the clock until the empty answer comes.
            await Eventually.TrueAsync(() =>
            {
                clock.Advance(TimeSpan.FromSeconds(61));
                return poll.IsCompleted;
            }, "the long poll ending on the emulator's clock", TimeSpan.FromSeconds(20));

            var answer = await poll;
            Assert.Null(answer["taskToken"]);
            Assert.Null(answer["input"]);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task GetActivityTask_errors_are_AWS_shaped()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("errors"));
        Assert.Equal("ActivityDoesNotExist", (await _api.ErrorAsync("GetActivityTask", new JsonObject { ["activityArn"] = activity + "-missing" })).Code);
        Assert.Equal("InvalidArn", (await _api.ErrorAsync("GetActivityTask", new JsonObject { ["activityArn"] = "activity" })).Code);
        Assert.Equal("ValidationException", (await _api.ErrorAsync("GetActivityTask", [])).Code);
        Assert.Equal("ValidationException", (await _api.ErrorAsync("GetActivityTask",
            new JsonObject { ["activityArn"] = activity, ["workerName"] = new string('w', 81) })).Code);
    }

    [Fact]
    public async Task The_CLI_worker_gets_a_task_and_answers_it()
    {
        var activity = await _api.CreateActivityAsync(StatesApi.Unique("cli-work"));
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("cli-activity"),
            StatesApi.OneTask(activity));
        var execution = await _api.StartAsync(machine, """{"job": 42}""");

        var task = JsonNode.Parse((await Cli("stepfunctions", "get-activity-task", "--activity-arn", activity, "--worker-name", "cli")).Output)!;
        Assert.Equal("""{"job":42}""", task["input"]!.GetValue<string>());
        await Cli("stepfunctions", "send-task-success", "--task-token", task["taskToken"]!.GetValue<string>(), "--task-output", """{"done":42}""");

        var done = await _api.WaitAsync(execution);
        Assert.Equal(("SUCCEEDED", """{"done":42}"""), (done["status"]!.GetValue<string>(), done["output"]!.GetValue<string>()));
    }

    private async Task PollAsync(string activity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl)
        {
            Content = new StringContent(new JsonObject { ["activityArn"] = activity }.ToJsonString(), System.Text.Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.GetActivityTask");
        await SignedRequests.SignAsync(request, "states");
        using var response = await emulator.Http.SendAsync(request, cancellationToken);
        Assert.Fail($"the poll answered {(int)response.StatusCode} with no task to give: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private async Task<(int ExitCode, string Output, string Error)> Cli(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
