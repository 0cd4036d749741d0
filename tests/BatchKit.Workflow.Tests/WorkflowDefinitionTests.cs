using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Workflow.Tests;

public sealed class WorkflowDefinitionTests
{
    internal static readonly Dictionary<string, string> Local = new()
    {
        ["SlackWebhookUrl"] = "http://127.0.0.1:8089/services/T000/B000/XXXX",
        ["SlackConnectionArn"] = "arn:aws:events:us-east-1:000000000000:connection/slack/1",
        ["ClusterArn"] = "arn:aws:ecs:us-east-1:000000000000:cluster/batchkit",
        ["TaskDefinitionArn"] = "batchkit-worker",
        ["ContainerName"] = "worker",
        ["Subnets"] = "subnet-a,subnet-b",
        ["SecurityGroups"] = "sg-1",
        ["AssignPublicIp"] = "ENABLED",
        ["ResultsBucket"] = "batchkit-sales",
        ["SummaryFunctionArn"] = "arn:aws:lambda:us-east-1:000000000000:function:batchkit-summary",
    };

    [Fact]
    public void Every_placeholder_is_declared_and_every_declared_one_is_used()
    {
        var used = WorkflowDefinition.Placeholder().Matches(WorkflowDefinition.Template).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(WorkflowDefinition.Placeholders.Keys.Order(), used.Order());
        Assert.NotNull(JsonNode.Parse(WorkflowDefinition.Template)); // valid JSON before substitution too
    }

    [Fact]
    public void A_worker_heartbeat_setting_changes_only_that_value()
    {
        var text = WorkflowDefinition.WithWorkerHeartbeatSeconds(6);
        var changed = JsonNode.Parse(text)!;
        var task = changed["States"]!["Stores"]!["ItemProcessor"]!["States"]!["AggregateStore"]!;

        Assert.Equal(120, WorkflowDefinition.WorkerHeartbeatSeconds);
        Assert.Equal(6, (int)task["HeartbeatSeconds"]!);
        Assert.Contains("States.Format('reports/{}/map'", text, StringComparison.Ordinal); // readable, not \u0027
        task["HeartbeatSeconds"] = 120;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WorkflowDefinition.Template), changed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1800)]
    public void A_worker_heartbeat_outside_one_to_the_task_timeout_is_refused(int seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WorkflowDefinition.WithWorkerHeartbeatSeconds(seconds));

        Assert.Contains("HeartbeatSeconds must be 1 to 1799", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_substituted_definition_passes_the_engines_validation()
    {
        var definition = StateMachineDefinition.Parse(WorkflowDefinition.Substitute(Local));

        Assert.Contains("Stores", definition.StateNames);
        Assert.Equal(21600, definition.TimeoutSeconds);
    }

    [Fact]
    public void Substitution_refuses_missing_and_unknown_placeholders()
    {
        var missing = new Dictionary<string, string>(Local);
        missing.Remove("ClusterArn");
        missing["ClustreArn"] = "typo";

        var e = Assert.Throws<ArgumentException>(() => WorkflowDefinition.Substitute(missing));

        Assert.Contains("no value for ClusterArn", e.Message, StringComparison.Ordinal);
        Assert.Contains("no placeholder named ClustreArn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_task_waits_for_its_token_and_times_out_after_its_heartbeat()
    {
        var task = JsonNode.Parse(WorkflowDefinition.Substitute(Local))!["States"]!["Stores"]!["ItemProcessor"]!["States"]!["AggregateStore"]!;

        Assert.True(task["TimeoutSeconds"]!.GetValue<int>() > task["HeartbeatSeconds"]!.GetValue<int>());
        Assert.Equal("arn:aws:states:::ecs:runTask.waitForTaskToken", task["Resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_day_runs_start_to_finish_on_the_engine_with_the_summary_in_the_last_Slack_message()
    {
        var host = new ScriptedHost();
        var run = Start(host, """{"input": {"source_bucket_name": "batchkit-sales", "bucket_path": "processed/day01/"}}""");

        await run.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(run.Status == ExecutionStatus.Succeeded, $"{run.Error}: {run.Cause}");
        var slack = host.Calls.Where(c => c.Resource == "arn:aws:states:::http:invoke").Select(c => c.Parameters!["RequestBody"]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["BatchKit: starting the sales batch for processed/day01/", "day01: 2 stores, total 58635.56"], slack);
        var ecs = host.Calls.Where(c => c.ServiceResource == "arn:aws:states:::ecs:runTask").ToList();
        Assert.Equal(2, ecs.Count);
        Assert.All(ecs, c => Assert.Equal(["subnet-a", "subnet-b"], c.Parameters!["NetworkConfiguration"]!["AwsvpcConfiguration"]!["Subnets"]!.AsArray().Select(s => s!.GetValue<string>())));
        var summary = host.Calls.Single(c => c.Resource == "arn:aws:states:::lambda:invoke").Parameters!["Payload"]!;
        Assert.Equal("reports/day01/map/manifest.json", summary["result_writer"]!["Key"]!.GetValue<string>());
        Assert.Equal("58635.56", JsonNode.Parse(run.Output!)!["total"]!.GetValue<string>());
        Assert.Equal("reports/day01/map", host.ResultPrefix);
    }

    [Fact]
    public async Task A_failing_summary_posts_a_failed_message_with_the_cause_and_fails_the_execution()
    {
        var host = new ScriptedHost { SummaryError = ("BatchKit.InvalidData", "store_1003: row 17: UnitPrice \"abc\" is not a decimal number") };
        var run = Start(host, """{"input": {"source_bucket_name": "batchkit-sales", "bucket_path": "processed/day02/"}}""");

        await run.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ExecutionStatus.Failed, run.Status);
        Assert.Equal("BatchKit.InvalidData", run.Error);
        var last = host.Calls.Last(c => c.Resource == "arn:aws:states:::http:invoke").Parameters!["RequestBody"]!["text"]!.GetValue<string>();
        Assert.StartsWith("BatchKit: the sales batch for processed/day02/ failed: BatchKit.InvalidData: store_1003: row 17", last, StringComparison.Ordinal);
    }

    private static BatchKit.StatesLanguage.Executions.Execution Start(ScriptedHost host, string input) =>
        (host.Engine = new ExecutionEngine(TimeProvider.System, host, host, host)).StartExecution(StateMachineDefinition.Parse(WorkflowDefinition.Substitute(Local)), input,
            new ExecutionIdentity("arn:aws:states:us-east-1:000000000000:execution:sales-batch:day", "day", "arn:aws:states:us-east-1:000000000000:stateMachine:sales-batch", "sales-batch", "arn:aws:iam::000000000000:role/sfn"));

    /// <summary>Scripted AWS services for a run on the engine (a unit test of the definition's data flow).</summary>
    private sealed class ScriptedHost : ITaskIntegration, IItemReader, IResultWriter
    {
        public ConcurrentQueue<TaskInvocation> Calls { get; } = new();

        public (string Error, string Cause)? SummaryError { get; init; }

        public string? ResultPrefix { get; private set; }

        public Task<TaskResult> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            Calls.Enqueue(invocation);
            return Task.FromResult(invocation.ServiceResource switch
            {
                "arn:aws:states:::http:invoke" => TaskResult.Success(new JsonObject { ["StatusCode"] = 200, ["ResponseBody"] = "ok" }),
                "arn:aws:states:::lambda:invoke" when SummaryError is { } e => TaskResult.Failure(e.Error, e.Cause),
                "arn:aws:states:::lambda:invoke" => TaskResult.Success(new JsonObject { ["Payload"] = new JsonObject { ["stores"] = 2, ["total"] = "58635.56", ["slack_text"] = "day01: 2 stores, total 58635.56" } }),
                "arn:aws:states:::ecs:runTask" => Answer(invocation),
                _ => TaskResult.Failure("Unexpected", invocation.Resource),
            });
        }

        public Task<TaskResult> ReadItemsAsync(string resource, JsonNode? parameters, JsonNode? readerConfig, CancellationToken cancellationToken) =>
            Task.FromResult(TaskResult.Success(new JsonArray(new JsonObject { ["Key"] = "processed/day01/store_1000.json" }, new JsonObject { ["Key"] = "processed/day01/store_1001.json" })));

        public Task<TaskResult> WriteResultsAsync(string resource, JsonNode? parameters, string mapRunArn, JsonArray succeeded, JsonArray failed, CancellationToken cancellationToken)
        {
            ResultPrefix = parameters!["Prefix"]!.GetValue<string>();
            return Task.FromResult(TaskResult.Success(new JsonObject { ["ResultWriterDetails"] = new JsonObject { ["Bucket"] = "batchkit-sales", ["Key"] = ResultPrefix + "/manifest.json" } }));
        }

        private TaskResult Answer(TaskInvocation invocation)
        {
            // The worker's answer arrives on the token, as the real task would send it.
            var token = invocation.TaskToken!;
            _ = Task.Run(() => Engine!.TaskTokens.SendTaskSuccess(token, new JsonObject { ["status"] = "success" }));
            return TaskResult.Success(new JsonObject { ["Tasks"] = new JsonArray() });
        }

        public ExecutionEngine? Engine { get; set; }
    }
}
