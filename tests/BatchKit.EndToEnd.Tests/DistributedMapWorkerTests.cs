using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Emulator;
using BatchKit.Sales;

namespace BatchKit.EndToEnd.Tests;

/// <summary>
/// The heart of the pipeline on the embedded emulator: a Distributed Map lists processed/&lt;day&gt;/ in S3 and runs
/// one ECS task per store with .waitForTaskToken; each task is the real worker binary as a child process, which
/// streams its store file from S3 and answers with SendTaskSuccess. Totals must be exact.
/// </summary>
public sealed class DistributedMapWorkerTests : IAsyncLifetime
{
    private const string Bucket = "batchkit-sales";
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-e2e-").FullName;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
    {
        Port = 0,
        DataDirectory = _data,
        MaxConcurrentTasks = 4,
        EcsImageCommands = new Dictionary<string, string[]> { ["batchkit-worker"] = [Path.Combine(AppContext.BaseDirectory, "batchkit-worker")] },
    });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Day01_runs_one_real_worker_process_per_store_and_every_total_is_exact()
    {
        await UploadDay01StoresAsync();
        await EcsAsync("CreateCluster", new JsonObject { ["clusterName"] = "batchkit" });
        await EcsAsync("RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "batchkit-worker",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "worker", ["image"] = "batchkit-worker", ["essential"] = true }),
        });

        using var sfn = new StepFunctionsClient(new AwsClientOptions
        {
            Endpoint = _emulator.ServiceUrl,
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("test", "test"),
        });
        var machine = await sfn.CreateStateMachineAsync("stores", Definition, "arn:aws:iam::000000000000:role/sfn");
        var run = await sfn.StartExecutionAsync(machine.StateMachineArn, "day01", $$"""{"bucket": "{{Bucket}}", "prefix": "processed/day01/"}""");

        DescribeExecutionResponse done;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(200);
            done = await sfn.DescribeExecutionAsync(run.ExecutionArn);
            Assert.True(DateTime.UtcNow < deadline, "the day did not finish in 3 minutes");
        }
        while (done.Status == "RUNNING");

        Assert.True(done.Status == "SUCCEEDED", $"{done.Status}: {done.Error}: {done.Cause}");
        var expected = DayTotals.Read(SharedFile("day01.expected.json"));
        var results = JsonNode.Parse(done.Output!)!.AsArray();
        Assert.Equal(10, results.Count);
        foreach (var result in results)
        {
            var store = result!["store"]!.GetValue<string>();
            Assert.Equal(Money.ToText(expected.Stores[store].Total), result["total"]!.GetValue<string>());
            Assert.Equal(expected.Stores[store].Rows, result["item_transaction_count"]!.GetValue<long>());
        }

        Assert.Equal(58635.56m, results.Sum(r => Money.Parse(r!["total"]!.GetValue<string>())));
    }

    private const string Definition = """
    {
      "StartAt": "Stores",
      "States": {
        "Stores": {
          "Type": "Map",
          "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket.$": "$.bucket", "Prefix.$": "$.prefix"}},
          "ItemBatcher": {"MaxItemsPerBatch": 1, "BatchInput": {"bucket.$": "$.bucket"}},
          "MaxConcurrency": 4,
          "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Worker",
            "States": {
              "Worker": {
                "Type": "Task",
                "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken",
                "TimeoutSeconds": 300,
                "HeartbeatSeconds": 60,
                "Parameters": {
                  "Cluster": "batchkit",
                  "TaskDefinition": "batchkit-worker",
                  "LaunchType": "FARGATE",
                  "Overrides": {"ContainerOverrides": [{"Name": "worker", "Environment": [
                    {"Name": "TASK_TOKEN", "Value.$": "$$.Task.Token"},
                    {"Name": "S3_BUCKET", "Value.$": "$.BatchInput.bucket"},
                    {"Name": "S3_KEY", "Value.$": "$.Items[0].Key"}]}]}
                },
                "End": true
              }
            }
          },
          "End": true
        }
      }
    }
    """;

    private async Task UploadDay01StoresAsync()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = _emulator.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await s3.PutBucketAsync(Bucket);
        using var zip = ZipFile.OpenRead(SharedFile("day01.zip"));
        foreach (var entry in zip.Entries)
        {
            using var copy = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(copy);
            }

            copy.Position = 0;
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "processed/day01/" + entry.Name, InputStream = copy });
        }
    }

    private async Task EcsAsync(string operation, JsonObject body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _emulator.ServiceUrl) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation);
        BatchKit.Aws.SigV4Signer.Sign(request, await request.Content.ReadAsByteArrayAsync(), new Amazon.Runtime.ImmutableCredentials("test", "test", null),
            "us-east-1", "ecs", DateTime.UtcNow);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string SharedFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "data", "online-retail", name);
            }
        }

        throw new FileNotFoundException("BatchKit.sln not found above " + AppContext.BaseDirectory);
    }
}
