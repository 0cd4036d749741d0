using System.Text.Json.Nodes;
using Amazon.S3.Model;
using BatchKit.Emulator.Runtime;

namespace BatchKit.Containers.Tests;

/// <summary>
/// The worker image built from src/BatchKit.Worker/Dockerfile (the one CDK deploys) runs a store through the emulator
/// under --ecs-runtime container: Step Functions' ecs:runTask.waitForTaskToken starts it, it reads the store file from
/// S3 and answers the task token, all over 127.0.0.1.
/// </summary>
public sealed class WorkerImageTests : IAsyncLifetime
{
    private const string Key = "processed/2026-11-22/store_1007.json";
    private readonly EmulatorFixture _emulator = new();

    public async Task InitializeAsync()
    {
        await LocalImages.RequireAsync(LocalImages.Worker);
        await _emulator.InitializeAsync(o => o with { EcsRuntime = RuntimeChoice.Container });
    }

    public Task DisposeAsync() => _emulator.DisposeAsync();

    [Fact]
    public async Task The_worker_container_sums_a_store_and_answers_its_task_token()
    {
        using var s3 = _emulator.S3();
        await s3.PutBucketAsync("sales");
        // 6 × 2.55 + 6 × 3.39 − 1 × 27.50 = 8.14 (a cancellation nets in).
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "sales",
            Key = Key,
            ContentBody = "[" + string.Join(",", Row("536365", "85123A", "6", "8:26", "2.55", "17850"), Row("536365", "71053", "6", "8:26", "3.39", "17850"),
                Row("C536379", "D", "-1", "9:41", "27.50", "14527")) + "]",
        });
        var ecs = new EcsCalls(_emulator, "workers");
        await ecs.CreateClusterAsync();
        await ecs.RegisterAsync("worker", new JsonObject { ["image"] = LocalImages.Worker }, cpu: "256", memory: "512");

        var execution = await RunAsync();

        Assert.True(execution["status"]!.GetValue<string>() == "SUCCEEDED", execution.ToJsonString());
        var output = JsonNode.Parse(execution["output"]!.GetValue<string>())!;
        Assert.Equal(
            ("success", "8.14", 3),
            (output["status"]!.GetValue<string>(), output["total"]!.GetValue<string>(), output["item_transaction_count"]!.GetValue<int>()));
        // The worker answers its token, then exits: the execution may succeed before the task is STOPPED.
        var log = JsonNode.Parse(await _emulator.Http.GetStringAsync(new Uri(_emulator.Host.ServiceUrl, "/_batchkit/ecs/tasks")))!["tasks"]![0]!;
        var task = await ecs.WaitUntilStoppedAsync(log["taskArn"]!.GetValue<string>());
        Assert.Equal(("container", Key), (log["runtime"]!.GetValue<string>(), log["environment"]!["S3_KEY"]!.GetValue<string>()));
        Assert.Equal(0, task["containers"]![0]!["exitCode"]!.GetValue<int>());
    }

    /// <summary>One row of the Online Retail schema, every value a JSON string, as store files hold them.</summary>
    private static string Row(string invoice, string stockCode, string quantity, string time, string unitPrice, string customer) =>
        new JsonObject
        {
            ["InvoiceNo"] = invoice, ["StockCode"] = stockCode, ["Description"] = "item " + stockCode, ["Quantity"] = quantity,
            ["InvoiceDate"] = "01-12-2010 " + time, ["UnitPrice"] = unitPrice, ["CustomerID"] = customer, ["Country"] = "United Kingdom",
        }.ToJsonString();

    private async Task<JsonObject> RunAsync()
    {
        var (_, machine) = await _emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = "one-store",
            ["roleArn"] = "arn:aws:iam::000000000000:role/r",
            ["definition"] = """
                {"StartAt": "Store", "States": {"Store": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken",
                  "Parameters": {"Cluster": "workers", "TaskDefinition": "worker", "LaunchType": "FARGATE",
                    "Overrides": {"ContainerOverrides": [{"Name": "main", "Environment": [
                      {"Name": "TASK_TOKEN", "Value.$": "$$.Task.Token"}, {"Name": "S3_BUCKET", "Value": "sales"},
                      {"Name": "S3_KEY", "Value": "STORE_FILE"}]}]}},
                  "TimeoutSeconds": 120, "End": true}}}
                """.Replace("STORE_FILE", Key, StringComparison.Ordinal),
        });
        var (_, started) = await _emulator.JsonAsync("AWSStepFunctions.StartExecution", "states",
            new JsonObject { ["stateMachineArn"] = machine["stateMachineArn"]!.GetValue<string>(), ["input"] = "{}" });
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var (_, described) = await _emulator.JsonAsync("AWSStepFunctions.DescribeExecution", "states",
                new JsonObject { ["executionArn"] = started["executionArn"]!.GetValue<string>() });
            if (described["status"]!.GetValue<string>() != "RUNNING")
            {
                return described;
            }

            Assert.True(DateTime.UtcNow < deadline, "the execution did not end within 120 s: " + described.ToJsonString());
            await Task.Delay(100);
        }
    }
}
