using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.Tests.Execution;

public sealed class TaskStateTests
{
    [Fact]
    public async Task Request_response_task_passes_evaluated_parameters_and_applies_result_processing()
    {
        var harness = new EngineHarness();
        var run = harness.Start("""
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "f", "Payload": {"day.$": "$.day", "exec.$": "$$.Execution.Name"}},
          "ResultSelector": {"got.$": "$.echo.Payload"}, "ResultPath": "$.result", "End": true}}}
        """, """{"day": "2026-11-22"}""");

        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal("""{"day":"2026-11-22","result":{"got":{"day":"2026-11-22","exec":"run1"}}}""", run.Output);
        var call = Assert.Single(harness.Invocations);
        Assert.Equal(IntegrationPattern.RequestResponse, call.Pattern);
        Assert.Equal("arn:aws:states:::lambda:invoke", call.ServiceResource);
        Assert.Equal(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"], EngineHarness.Types(run));
    }

    [Fact]
    public async Task Retry_then_catch_follow_the_rules_in_order()
    {
        var harness = new EngineHarness { Time = new InstantClock(), Answer = _ => TaskResult.Failure("ECS.AmazonECSException", "capacity") };
        var run = harness.Start("""
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "Parameters": {},
            "Retry": [{"ErrorEquals": ["ECS.AmazonECSException"], "MaxAttempts": 2, "IntervalSeconds": 1, "BackoffRate": 2}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
          "Handled": {"Type": "Pass", "End": true}}}
        """);

        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal(3, harness.Invocations.Count); // first try + 2 retries
        Assert.Equal("""{"error":{"Error":"ECS.AmazonECSException","Cause":"capacity"}}""", run.Output);
        Assert.Equal(3, EngineHarness.Types(run).Count(t => t == "TaskFailed"));
    }

    [Fact]
    public async Task Wait_for_task_token_completes_on_SendTaskSuccess_and_refuses_a_second_answer()
    {
        var harness = new EngineHarness { Answer = _ => TaskResult.Success(new JsonObject { ["tasks"] = new JsonArray() }) };
        var run = harness.Start("""
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken",
          "Parameters": {"Overrides": {"ContainerOverrides": [{"Environment": [{"Name": "TASK_TOKEN", "Value.$": "$$.Task.Token"}]}]}}, "End": true}}}
        """);
        await EngineHarness.Until(() => EngineHarness.Types(run).Contains("TaskSubmitted"));
        var call = Assert.Single(harness.Invocations);
        var token = call.Parameters!["Overrides"]!["ContainerOverrides"]![0]!["Environment"]![0]!["Value"]!.GetValue<string>();
        Assert.Equal(call.TaskToken, token);

        Assert.Equal(TaskTokenResponse.Accepted, harness.Engine.TaskTokens.SendTaskSuccess(token, new JsonObject { ["total"] = "5949.11" }));
        await EngineHarness.Finished(run);

        Assert.Equal("""{"total":"5949.11"}""", run.Output);
        Assert.Equal(TaskTokenResponse.TaskDoesNotExist, harness.Engine.TaskTokens.SendTaskSuccess(token, null));
        Assert.Equal(TaskTokenResponse.InvalidToken, harness.Engine.TaskTokens.SendTaskFailure("no-such-token", "x", "y"));
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_the_given_error()
    {
        var harness = new EngineHarness();
        var run = harness.Start("""{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken", "Parameters": {}, "End": true}}}""");
        await EngineHarness.Until(() => EngineHarness.Types(run).Contains("TaskSubmitted"));

        harness.Engine.TaskTokens.SendTaskFailure(harness.Invocations.Single().TaskToken!, "BatchKit.InvalidData", "row 17: UnitPrice \"abc\" is not a decimal number");
        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Failed, run.Status);
        Assert.Equal("BatchKit.InvalidData", run.Error);
        Assert.Contains("row 17", run.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missed_heartbeat_times_the_task_out_and_heartbeats_keep_it_alive()
    {
        var clock = new ManualTimeProvider();
        var harness = new EngineHarness { Time = clock };
        var run = harness.Start("""
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken",
          "Parameters": {}, "TimeoutSeconds": 600, "HeartbeatSeconds": 30, "End": true}}}
        """);
        var start = clock.GetUtcNow();
        await EngineHarness.Until(() => EngineHarness.Types(run).Contains("TaskSubmitted") && clock.HasTimerDueAt(start + TimeSpan.FromSeconds(30)));
        var token = harness.Invocations.Single().TaskToken!;

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TaskTokenResponse.Accepted, harness.Engine.TaskTokens.SendTaskHeartbeat(token));
        // The heartbeat opens a new 30 s window from t = 20 s.
        await EngineHarness.Until(() => clock.HasTimerDueAt(start + TimeSpan.FromSeconds(50)));
        clock.Advance(TimeSpan.FromSeconds(20)); // 40 s in, but only 20 s since the heartbeat
        Assert.Equal(ExecutionStatus.Running, run.Status);

        clock.Advance(TimeSpan.FromSeconds(15)); // 35 s since the heartbeat
        await EngineHarness.Finished(run);

        Assert.Equal("States.HeartbeatTimeout", run.Error);
        Assert.Contains("TaskTimedOut", EngineHarness.Types(run));
        Assert.Equal(TaskTokenResponse.TaskTimedOut, harness.Engine.TaskTokens.SendTaskSuccess(token, null));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_a_task_that_never_answers()
    {
        var clock = new ManualTimeProvider();
        var harness = new EngineHarness { Time = clock };
        var run = harness.Start("""{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken", "Parameters": {}, "TimeoutSeconds": 60, "End": true}}}""");
        await EngineHarness.Until(() => EngineHarness.Types(run).Contains("TaskSubmitted"));

        clock.Advance(TimeSpan.FromSeconds(61));
        await EngineHarness.Finished(run);

        Assert.Equal("States.Timeout", run.Error);
    }

    /// <summary>Timers fire at once (retry intervals cost nothing).</summary>
    private sealed class InstantClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return System.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
