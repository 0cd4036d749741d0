using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Issue 12, item 5: what the emulator acknowledged is in its data directory and comes back after a restart; files it
/// cannot read are quarantined and reported while the rest load; unfinished writes are cleaned at start.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const string Role = "arn:aws:iam::000000000000:role/sfn";
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-durable-").FullName;
    private readonly string _code = LambdaFunctions.CodeDirectory();

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_code, recursive: true);
    }

    private Task<EmulatorHost> StartAsync(bool ephemeral = false) =>
        EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data, Ephemeral = ephemeral, HotReloadDirectories = [_code] });

    [Fact]
    public async Task Every_kind_of_record_survives_a_restart()
    {
        string executionArn;
        List<string> history;
        await using (var first = await StartAsync())
        {
            using var client = new EndpointClient(first.ServiceUrl);
            executionArn = await CreateEverythingAsync(client);
            var done = await client.WaitForExecutionAsync(executionArn);
            Assert.Equal("SUCCEEDED", done["status"]!.GetValue<string>());
            history = await HistoryTypesAsync(client, executionArn);
        }

        await using var second = await StartAsync();
        using var again = new EndpointClient(second.ServiceUrl);
        using var s3 = again.S3();
        using (var get = await s3.GetObjectAsync("keep", "a/b.json"))
        {
            Assert.Equal("[1,2,3]", await new StreamReader(get.ResponseStream).ReadToEndAsync());
            Assert.Equal("\"" + Md5("[1,2,3]") + "\"", get.ETag);
            Assert.Equal("v1", get.Metadata["x-amz-meta-owner"]);
        }

        var notification = await s3.GetBucketNotificationAsync("keep");
        Assert.Equal("fn-keep", notification.LambdaFunctionConfigurations.Single().FunctionArn.Split(':')[^1]);
        var parameter = await again.OkAsync("AmazonSSM.GetParameter", "ssm", new JsonObject { ["Name"] = "/config/keep" });
        Assert.Equal("kept", parameter["Parameter"]!["Value"]!.GetValue<string>());
        var secure = await again.OkAsync("AmazonSSM.GetParameter", "ssm", new JsonObject { ["Name"] = "/config/secret", ["WithDecryption"] = true });
        Assert.Equal("s3cret", secure["Parameter"]!["Value"]!.GetValue<string>());
        var connection = await again.OkAsync("AWSEvents.DescribeConnection", "events", new JsonObject { ["Name"] = "slack-keep" });
        Assert.Equal("API_KEY", connection["AuthorizationType"]!.GetValue<string>());
        var definition = await again.OkAsync("AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition", "ecs", new JsonObject { ["taskDefinition"] = "worker-keep" });
        Assert.Equal(2, definition["taskDefinition"]!["revision"]!.GetValue<int>());
        var clusters = await again.OkAsync("AmazonEC2ContainerServiceV20141113.ListClusters", "ecs", []);
        Assert.Contains(clusters["clusterArns"]!.AsArray(), a => a!.GetValue<string>().EndsWith("/keep-cluster", StringComparison.Ordinal));
        var machine = await again.OkAsync("AWSStepFunctions.DescribeStateMachine", "states", new JsonObject { ["stateMachineArn"] = "arn:aws:states:us-east-1:000000000000:stateMachine:keep-machine" });
        Assert.Equal("keep-machine", machine["name"]!.GetValue<string>());
        var execution = await again.DescribeExecutionAsync(executionArn);
        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        Assert.Equal("{\"n\":1}", execution["output"]!.GetValue<string>());
        Assert.Equal(history, await HistoryTypesAsync(again, executionArn));
        var (status, function, body) = await LambdaAsync(again, HttpMethod.Get, "/fn-keep");
        Assert.True(status == 200, body);
        Assert.Contains("fn-keep", body, StringComparison.Ordinal);
        function.Dispose();
    }

    [Fact]
    public async Task Bucket_versioning_tags_CORS_and_lifecycle_survive_a_restart_and_go_with_the_bucket()
    {
        await using (var first = await StartAsync())
        {
            using var s3 = new EndpointClient(first.ServiceUrl).S3();
            await s3.PutBucketAsync("configured");
            var enabled = new S3BucketVersioningConfig { Status = VersionStatus.Enabled };
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = "configured", VersioningConfig = enabled });
            await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = "configured", TagSet = [new Tag { Key = "team", Value = "jobs" }] });
            var cors = new CORSRule { AllowedMethods = ["GET"], AllowedOrigins = ["*"] };
            await s3.PutCORSConfigurationAsync("configured", new CORSConfiguration { Rules = [cors] });
            await s3.PutLifecycleConfigurationAsync("configured", new LifecycleConfiguration
            {
                Rules =
                [
                    new LifecycleRule
                    {
                        Id = "expire", Status = LifecycleRuleStatus.Enabled, Expiration = new LifecycleRuleExpiration { Days = 3 },
                        Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "tmp/" } },
                    },
                ],
            });
        }

        await using (var second = await StartAsync())
        {
            using var s3 = new EndpointClient(second.ServiceUrl).S3();
            Assert.Equal(VersionStatus.Enabled, (await s3.GetBucketVersioningAsync("configured")).VersioningConfig.Status);
            Assert.Equal("jobs", Assert.Single((await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = "configured" })).TagSet).Value);
            Assert.Equal("GET", Assert.Single(Assert.Single((await s3.GetCORSConfigurationAsync("configured")).Configuration.Rules).AllowedMethods));
            Assert.Equal(3, Assert.Single((await s3.GetLifecycleConfigurationAsync("configured")).Configuration.Rules).Expiration.Days);
            await s3.DeleteBucketAsync("configured");
            await s3.PutBucketAsync("configured"); // a new bucket of the same name starts with no configuration
            var tags = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = "configured" }));
            Assert.Equal("NoSuchTagSet", tags.ErrorCode);
            Assert.Equal(VersionStatus.Off, (await s3.GetBucketVersioningAsync("configured")).VersioningConfig.Status);
        }
    }

    [Fact]
    public async Task An_execution_running_at_a_restart_fails_with_a_cause_naming_the_state()
    {
        string arn;
        await using (var first = await StartAsync())
        {
            using var client = new EndpointClient(first.ServiceUrl);
            var machine = await CreateMachineAsync(client, "waits", """{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":3600,"End":true}}}""");
            arn = (await client.OkAsync("AWSStepFunctions.StartExecution", "states", new JsonObject { ["stateMachineArn"] = machine, ["name"] = "held" }))["executionArn"]!.GetValue<string>();
            await Eventually.ValueAsync(() => HistoryTypesAsync(client, arn), h => h.Contains("WaitStateEntered"), "the Wait state being entered");
        }

        await using var second = await StartAsync();
        using var again = new EndpointClient(second.ServiceUrl);
        var execution = await again.DescribeExecutionAsync(arn);
        Assert.Equal("FAILED", execution["status"]!.GetValue<string>());
        Assert.Equal("States.Runtime", execution["error"]!.GetValue<string>());
        Assert.Contains("restarted while the execution was running (in state 'Hold')", execution["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        var history = await HistoryTypesAsync(again, arn);
        Assert.Equal(["ExecutionStarted", "WaitStateEntered", "ExecutionFailed"], history);

        await using var third = await StartAsync(); // the failure itself was written: a second restart reports the same
        using var later = new EndpointClient(third.ServiceUrl);
        Assert.Equal(execution["cause"]!.GetValue<string>(), (await later.DescribeExecutionAsync(arn))["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task Corrupt_files_are_quarantined_and_reported_and_the_rest_load()
    {
        await using (var first = await StartAsync())
        {
            using var client = new EndpointClient(first.ServiceUrl);
            using var s3 = client.S3();
            await s3.PutBucketAsync("mixed");
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "mixed", Key = "good", ContentBody = "fine" });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "mixed", Key = "torn", ContentBody = "will be cut" });
            await client.OkAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = "/ok", ["Value"] = "1", ["Type"] = "String" });
            await client.OkAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = "/bad", ["Value"] = "2", ["Type"] = "String" });
        }

        var objects = Path.Combine(_data, "s3", "mixed", "objects");
        var torn = Directory.EnumerateFiles(objects).Single(f => File.ReadAllText(f).Contains("will be cut", StringComparison.Ordinal));
        File.WriteAllBytes(torn, File.ReadAllBytes(torn)[..^5]); // a trailer cut short, as a torn write would leave it
        var parameters = Path.Combine(_data, "ssm-parameters");
        var bad = Directory.EnumerateFiles(parameters).Single(f => File.ReadAllText(f).Contains("\"/bad\"", StringComparison.Ordinal));
        File.WriteAllText(bad, "{\"key\":\"/bad\",\"value\":");

        await using var second = await StartAsync();
        using var again = new EndpointClient(second.ServiceUrl);
        using var s3Again = again.S3();
        using (var good = await s3Again.GetObjectAsync("mixed", "good"))
        {
            Assert.Equal("fine", await new StreamReader(good.ResponseStream).ReadToEndAsync());
        }

        Assert.Equal("NoSuchKey", (await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3Again.GetObjectAsync("mixed", "torn"))).ErrorCode);
        Assert.Equal("1", (await again.OkAsync("AmazonSSM.GetParameter", "ssm", new JsonObject { ["Name"] = "/ok" }))["Parameter"]!["Value"]!.GetValue<string>());
        var quarantined = (await again.HealthAsync())["quarantined"]!.AsArray();
        Assert.Equal(2, quarantined.Count);
        Assert.Contains(quarantined, q => q!["path"]!.GetValue<string>() == torn && q["reason"]!.GetValue<string>().Contains("S3 object", StringComparison.Ordinal));
        Assert.Contains(quarantined, q => q!["path"]!.GetValue<string>() == bad && q["reason"]!.GetValue<string>().Contains("SsmParameter", StringComparison.Ordinal));
        Assert.All(quarantined, q => Assert.True(File.Exists(q!["movedTo"]!.GetValue<string>())));
        Assert.False(File.Exists(torn));
    }

    [Fact]
    public async Task Unfinished_writes_are_cleaned_at_start_and_started_multipart_uploads_kept()
    {
        string uploadId;
        string etag;
        await using (var first = await StartAsync())
        {
            using var s3 = new EndpointClient(first.ServiceUrl).S3();
            await s3.PutBucketAsync("parts");
            uploadId = (await s3.InitiateMultipartUploadAsync("parts", "big")).UploadId;
            etag = (await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "parts", Key = "big", UploadId = uploadId, PartNumber = 1, InputStream = new MemoryStream([1, 2, 3]),
            })).ETag;
        }

        var uploads = Path.Combine(_data, "s3", "parts", "uploads");
        var started = Directory.EnumerateDirectories(uploads).Single();
        File.WriteAllText(Path.Combine(uploads, "tmp-0123"), "a PUT the crash cut");
        File.WriteAllText(Path.Combine(started, "part-00002.tmp-0123"), "a part the crash cut");
        var neverCreated = Directory.CreateDirectory(Path.Combine(uploads, "ffff")).FullName;
        File.WriteAllText(Path.Combine(neverCreated, "part-00001-abc"), "no upload.json: CreateMultipartUpload never answered");
        File.WriteAllText(Path.Combine(_data, "ssm-parameters", ".tmp-x"), "{"); // a record write the crash cut

        await using var second = await StartAsync();
        Assert.False(File.Exists(Path.Combine(uploads, "tmp-0123")));
        Assert.False(File.Exists(Path.Combine(started, "part-00002.tmp-0123")));
        Assert.False(Directory.Exists(neverCreated));
        Assert.False(File.Exists(Path.Combine(_data, "ssm-parameters", ".tmp-x")));
        using var s3Again = new EndpointClient(second.ServiceUrl).S3();
        await s3Again.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "parts", Key = "big", UploadId = uploadId, PartETags = [new PartETag(1, etag)],
        });
        using var get = await s3Again.GetObjectAsync("parts", "big");
        Assert.Equal(3, get.ContentLength);
        Assert.Empty((await new EndpointClient(second.ServiceUrl).HealthAsync())["quarantined"]!.AsArray());
    }

    [Fact]
    public async Task Objects_written_with_a_metadata_sidecar_by_earlier_versions_are_moved_into_one_file()
    {
        await using (var first = await StartAsync())
        {
            using var s3 = new EndpointClient(first.ServiceUrl).S3();
            await s3.PutBucketAsync("old");
        }

        var objects = Path.Combine(_data, "s3", "old", "objects");
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("legacy.txt"u8));
        File.WriteAllText(Path.Combine(objects, name), "old bytes");
        File.WriteAllText(Path.Combine(objects, name + ".meta.json"),
            new JsonObject
            {
                ["Key"] = "legacy.txt", ["ETag"] = $"\"{Md5("old bytes")}\"", ["Size"] = 9, ["ContentType"] = "text/plain",
                ["LastModified"] = "2026-01-01T00:00:00+00:00", ["UserMetadata"] = new JsonObject(),
            }.ToJsonString());

        await using var second = await StartAsync();
        using var again = new EndpointClient(second.ServiceUrl).S3();
        using var get = await again.GetObjectAsync("old", "legacy.txt");
        Assert.Equal("old bytes", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        Assert.Equal(9, get.ContentLength);
        Assert.False(File.Exists(Path.Combine(objects, name + ".meta.json")));
    }

    [Fact]
    public async Task Ephemeral_mode_writes_no_records_and_a_restart_starts_empty()
    {
        await using (var first = await StartAsync(ephemeral: true))
        {
            using var client = new EndpointClient(first.ServiceUrl);
            await client.OkAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = "/gone", ["Value"] = "1", ["Type"] = "String" });
            Assert.Equal("ephemeral", (await client.HealthAsync())["storage"]!.GetValue<string>());
        }

        Assert.False(Directory.Exists(Path.Combine(_data, "ssm-parameters")));
        await using var second = await StartAsync(ephemeral: true);
        var (status, body) = await new EndpointClient(second.ServiceUrl).JsonAsync("AmazonSSM.GetParameter", "ssm", new JsonObject { ["Name"] = "/gone" });
        Assert.Equal(400, status);
        Assert.Equal("ParameterNotFound", body["__type"]!.GetValue<string>());
    }

    private async Task<string> CreateEverythingAsync(EndpointClient client)
    {
        using var s3 = client.S3();
        await s3.PutBucketAsync("keep");
        var put = new PutObjectRequest { BucketName = "keep", Key = "a/b.json", ContentBody = "[1,2,3]" };
        put.Metadata.Add("owner", "v1");
        await s3.PutObjectAsync(put);
        var (status, _, body) = await LambdaAsync(client, HttpMethod.Post, "", new JsonObject
        {
            ["FunctionName"] = "fn-keep", ["Runtime"] = "provided.al2023", ["Role"] = "arn:aws:iam::000000000000:role/lambda", ["Handler"] = "echo",
            ["Code"] = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = _code },
        });
        Assert.True(status == 201, body);
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = "keep",
            LambdaFunctionConfigurations = [new LambdaFunctionConfiguration
            {
                FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:fn-keep", Events = [EventType.ObjectCreatedPut],
            }],
        });
        await client.OkAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = "/config/keep", ["Value"] = "kept", ["Type"] = "String" });
        await client.OkAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = "/config/secret", ["Value"] = "s3cret", ["Type"] = "SecureString" });
        await client.OkAsync("AWSEvents.CreateConnection", "events", new JsonObject
        {
            ["Name"] = "slack-keep", ["AuthorizationType"] = "API_KEY",
            ["AuthParameters"] = new JsonObject { ["ApiKeyAuthParameters"] = new JsonObject { ["ApiKeyName"] = "x-api-key", ["ApiKeyValue"] = "k" } },
        });
        await client.OkAsync("AmazonEC2ContainerServiceV20141113.CreateCluster", "ecs", new JsonObject { ["clusterName"] = "keep-cluster" });
        for (var i = 0; i < 2; i++)
        {
            await client.OkAsync("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", "ecs", new JsonObject
            {
                ["family"] = "worker-keep", ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "w", ["image"] = "img" }),
            });
        }

        var machine = await CreateMachineAsync(client, "keep-machine", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"n":1},"End":true}}}""");
        return (await client.OkAsync("AWSStepFunctions.StartExecution", "states", new JsonObject { ["stateMachineArn"] = machine, ["name"] = "kept-run" }))["executionArn"]!.GetValue<string>();
    }

    internal static async Task<string> CreateMachineAsync(EndpointClient client, string name, string definition) =>
        (await client.OkAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject { ["name"] = name, ["definition"] = definition, ["roleArn"] = Role }))
        ["stateMachineArn"]!.GetValue<string>();

    internal static async Task<List<string>> HistoryTypesAsync(EndpointClient client, string arn) =>
        [.. (await client.OkAsync("AWSStepFunctions.GetExecutionHistory", "states", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 }))["events"]!
            .AsArray().Select(e => e!["type"]!.GetValue<string>())];

    private static async Task<(int Status, HttpResponseMessage Response, string Body)> LambdaAsync(EndpointClient client, HttpMethod method, string path, JsonNode? body = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, new Uri(client.Endpoint, "/2015-03-31/functions" + path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        await SignedRequests.SignAsync(request, "lambda");
        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    private static string Md5(string text) =>
#pragma warning disable CA5351 // S3's ETag is the MD5 of the bytes
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
