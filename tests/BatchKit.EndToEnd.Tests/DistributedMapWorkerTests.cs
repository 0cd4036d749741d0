using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using BatchKit.Aws.StepFunctions;
using BatchKit.Contracts;
using BatchKit.Contracts.Worker;
using BatchKit.Contracts.Workflow;
using BatchKit.Sales;
using BatchKit.Testing;
using BatchKit.Workflow;

namespace BatchKit.EndToEnd.Tests;

/// <summary>
/// The heart of the pipeline on the embedded emulator: the Distributed Map state of sales-batch.asl.json itself (its
/// ItemReader, ItemBatcher, worker task and ResultWriter, taken from the file, only its Catch and Next cut so it runs
/// alone) lists processed/&lt;day&gt;/ in S3 and runs one ECS task per store with .waitForTaskToken; each task is the
/// real worker binary as a child process, which streams its store file from S3 and answers with SendTaskSuccess.
/// Every total must be exact.
/// </summary>
public sealed class DistributedMapWorkerTests : IAsyncLifetime
{
    private const string Bucket = "batchkit-sales";
    private readonly EmulatorFixture _emulator = new();

    public Task InitializeAsync() => _emulator.InitializeAsync(o => o with
    {
        MaxConcurrentTasks = 4,
        EcsImageCommands = new Dictionary<string, string[]> { ["batchkit-worker"] = [Path.Combine(AppContext.BaseDirectory, "batchkit-worker")] },
    });

    public Task DisposeAsync() => _emulator.DisposeAsync();

    [Fact]
    public async Task Day01_runs_one_real_worker_process_per_store_and_every_total_is_exact()
    {
        await UploadDay01StoresAsync();
        await EcsAsync("CreateCluster", new JsonObject { ["clusterName"] = "batchkit" });
        var registered = await EcsAsync("RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "batchkit-worker",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "worker", ["image"] = "batchkit-worker", ["essential"] = true }),
        });

        using var sfn = new StepFunctionsClient(_emulator.ClientOptions());
        var definition = StoresStateAlone(registered["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>());
        var machine = await sfn.CreateStateMachineAsync("stores", definition, "arn:aws:iam::000000000000:role/sfn");
        var input = JsonSerializer.Serialize(new WorkflowInput(new UploadedDay(Bucket, BucketPrefixes.ProcessedDay("day01"))), ContractJson.Default.WorkflowInput);
        var run = await sfn.StartExecutionAsync(machine.StateMachineArn, "day01", input);

        var done = await Eventually.ValueAsync(() => sfn.DescribeExecutionAsync(run.ExecutionArn), d => d.Status != "RUNNING", "the day finishing", TimeSpan.FromMinutes(3));

        Assert.True(done.Status == "SUCCEEDED", $"{done.Status}: {done.Error}: {done.Cause}");
        var results = await SucceededResultsAsync(JsonNode.Parse(done.Output!)!["map"]!["ResultWriterDetails"]!);
        var expected = DayTotals.Read(RepositoryPaths.SharedFile("data", "online-retail", "day01.expected.json"));
        Assert.Equal(expected.Stores.Keys.Order(StringComparer.Ordinal), results.Select(r => r.Store).Order(StringComparer.Ordinal));
        foreach (var result in results)
        {
            Assert.Equal(Money.ToText(expected.Stores[result.Store].Total), result.Total);
            Assert.Equal(expected.Stores[result.Store].Rows, result.ItemTransactionCount);
        }

        Assert.Equal(58635.56m, results.Sum(r => Money.Parse(r.Total)));
    }

    /// <summary>The definition's "Stores" state as a machine of its own: everything from the file but its Catch and Next.</summary>
    private static string StoresStateAlone(string taskDefinitionArn)
    {
        var full = JsonNode.Parse(WorkflowDefinition.Substitute(new Dictionary<string, string>
        {
            ["SlackWebhookUrl"] = "http://127.0.0.1:9/unused",
            ["SlackConnectionArn"] = "arn:aws:events:us-east-1:000000000000:connection/unused/0",
            ["ClusterArn"] = "batchkit",
            ["TaskDefinitionArn"] = taskDefinitionArn,
            ["ContainerName"] = "worker",
            ["Subnets"] = "subnet-1",
            ["SecurityGroups"] = "sg-1",
            ["AssignPublicIp"] = "ENABLED",
            ["ResultsBucket"] = Bucket,
            ["SummaryFunctionArn"] = "arn:aws:lambda:us-east-1:000000000000:function:unused",
        }))!;
        var stores = full["States"]!["Stores"]!.AsObject();
        stores.Remove("Catch");
        stores.Remove("Next");
        stores["End"] = true;
        return new JsonObject { ["StartAt"] = "Stores", ["States"] = new JsonObject { ["Stores"] = stores.DeepClone() } }.ToJsonString();
    }

    /// <summary>The worker results the ResultWriter wrote (its SUCCEEDED files), read as the contract.</summary>
    private async Task<List<WorkerResult>> SucceededResultsAsync(JsonNode details)
    {
        using var s3 = _emulator.S3();
        var manifest = await ReadJsonAsync(s3, details["Bucket"]!.GetValue<string>(), details["Key"]!.GetValue<string>());
        var results = new List<WorkerResult>();
        foreach (var file in manifest["ResultFiles"]!["SUCCEEDED"]!.AsArray())
        {
            foreach (var record in (await ReadJsonAsync(s3, Bucket, file!["Key"]!.GetValue<string>())).AsArray())
            {
                results.Add(JsonSerializer.Deserialize(record!["Output"]!.GetValue<string>(), ContractJson.Default.WorkerResult)!);
            }
        }

        return results;
    }

    private static async Task<JsonNode> ReadJsonAsync(Amazon.S3.AmazonS3Client s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        return (await JsonNode.ParseAsync(response.ResponseStream))!;
    }

    private async Task UploadDay01StoresAsync()
    {
        using var s3 = _emulator.S3();
        await s3.PutBucketAsync(Bucket);
        using var zip = ZipFile.OpenRead(RepositoryPaths.SharedFile("data", "online-retail", "day01.zip"));
        foreach (var entry in zip.Entries)
        {
            using var copy = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(copy);
            }

            copy.Position = 0;
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = BucketPrefixes.ProcessedDay("day01") + entry.Name, InputStream = copy });
        }
    }

    private async Task<JsonObject> EcsAsync(string operation, JsonObject body)
    {
        var (status, response) = await _emulator.JsonAsync("AmazonEC2ContainerServiceV20141113." + operation, "ecs", body);
        Assert.True(status == 200, response.ToJsonString());
        return response;
    }
}
