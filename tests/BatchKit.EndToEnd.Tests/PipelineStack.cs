using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Deployment;
using BatchKit.Emulator;

namespace BatchKit.EndToEnd.Tests;

/// <summary>
/// The whole local stack for a test class (each class is its own test collection): the embedded emulator in-process
/// (the worker and the Lambda as real processes), the WireMock.Net Slack stub in-process on a port bound at start, and
/// the same deploy step `make up` runs. With <c>BATCHKIT_ENDPOINT</c>
/// set, it uses that endpoint instead (a running `make up`, or LocalStack) and the Slack stub at
/// <c>BATCHKIT_SLACK_URL</c> (default http://127.0.0.1:8089), and deploys there.
/// </summary>
public class PipelineStack : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-e2e-").FullName;
    private EmulatorHost? _emulator;
    private SlackStubServer? _slackServer;

    public SlackStub Slack { get; private set; } = null!;

    public AmazonS3Client S3 { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public DeployedStack Stack { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    /// <summary>The ECS image command for the worker; a test class may wrap the worker (to make it crash once, say).</summary>
    protected virtual string[] WorkerCommand => [Path.Combine(AppContext.BaseDirectory, "batchkit-worker")];

    protected virtual Func<string, string>? DefinitionTransform => null;

    /// <summary>False for a stack that injects faults into its own emulator (it cannot into someone else's endpoint).</summary>
    protected virtual bool MayUseExternalEndpoint => true;

    public async Task InitializeAsync()
    {
        var endpoint = MayUseExternalEndpoint ? Environment.GetEnvironmentVariable("BATCHKIT_ENDPOINT") : null;
        if (string.IsNullOrEmpty(endpoint))
        {
            _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                Port = 0,
                DataDirectory = _data,
                MaxConcurrentTasks = 4,
                EcsImageCommands = new Dictionary<string, string[]> { [StackSettings.LocalWorkerImage] = WorkerCommand },
                LambdaAsyncRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)],
            });
            Endpoint = _emulator.ServiceUrl;
            _slackServer = SlackStubServer.Start(Path.Combine(RepositoryRoot(), SlackStubServer.MappingsFolder), port: 0);
            Slack = _slackServer.Client;
        }
        else
        {
            Endpoint = new Uri(endpoint);
            Slack = SlackStub.Attach(new Uri(Environment.GetEnvironmentVariable("BATCHKIT_SLACK_URL") ?? "http://127.0.0.1:8089"));
        }

        var credentials = new BasicAWSCredentials("test", "test");
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        StepFunctions = new StepFunctionsClient(new AwsClientOptions { Endpoint = Endpoint, Region = "us-east-1", Credentials = credentials });
        var settings = new StackSettings
        {
            Endpoint = Endpoint,
            LambdaCodeDirectory = AppContext.BaseDirectory, // the bootstrap this project built
            SlackWebhookUrl = Slack.WebhookUrl,
            WorkerEnvironment = new Dictionary<string, string> { ["BATCHKIT_HEARTBEAT_SECONDS"] = "1" },
            DefinitionTransform = DefinitionTransform,
        };
        Stack = _emulator is not null
            ? await new StackDeployer(settings).DeployAsync()
            : await SharedExternalDeploy(settings); // test classes run in parallel: deploy to a shared endpoint once
    }

    private static readonly Lock DeployLock = new();
    private static Task<DeployedStack>? _externalDeploy;

    private static Task<DeployedStack> SharedExternalDeploy(StackSettings settings)
    {
        lock (DeployLock)
        {
            return _externalDeploy ??= new StackDeployer(settings).DeployAsync();
        }
    }

    public async Task DisposeAsync()
    {
        S3.Dispose();
        StepFunctions.Dispose();
        Http.Dispose();
        _slackServer?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    /// <summary>Uploads under <c>uploads/&lt;day&gt;.zip</c>; the ETag S3 gave it names the execution it starts.</summary>
    public async Task<string> UploadAsync(string key, byte[] zip)
    {
        LastUpload = (key, (await S3.PutObjectAsync(new PutObjectRequest { BucketName = Stack.Bucket, Key = key, InputStream = new MemoryStream(zip) })).ETag.Trim('"'));
        return LastUpload.Value.ETag;
    }

    private (string Key, string ETag)? LastUpload { get; set; }

    /// <summary>
    /// Waits for the execution the last upload of <paramref name="day"/> started (named from bucket, key and ETag, so
    /// an older run of the same day on a shared stack is never taken for it), then for it to end.
    /// </summary>
    public async Task<DescribeExecutionResponse> WaitForDayAsync(string day, TimeSpan? timeout = null)
    {
        var (key, eTag) = LastUpload is { } last && last.Key == $"uploads/{day}.zip" ? last : throw new InvalidOperationException($"upload uploads/{day}.zip first");
        var name = Contracts.ExecutionNames.For(Stack.Bucket, key, eTag, day);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var execution = (await StepFunctions.ListExecutionsAsync(Stack.StateMachineArn)).Executions.FirstOrDefault(e => e.Name == name);
            if (execution is not null)
            {
                var described = await StepFunctions.DescribeExecutionAsync(execution.ExecutionArn);
                if (described.Status != "RUNNING")
                {
                    return described;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"the execution for {day} did not end in time ({(execution is null ? "it never started" : "still running")})");
            await Task.Delay(100);
        }
    }

    public async Task<JsonNode> ReadJsonAsync(string key)
    {
        using var response = await S3.GetObjectAsync(Stack.Bucket, key);
        return (await JsonNode.ParseAsync(response.ResponseStream))!;
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix) =>
        [.. ((await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Stack.Bucket, Prefix = prefix })).S3Objects ?? []).Select(o => o.Key)];

    /// <summary>The messages about <paramref name="day"/> posted while <paramref name="execution"/> ran (a shared stub holds older runs too).</summary>
    public async Task<IReadOnlyList<SlackMessage>> SlackAboutAsync(string day, DescribeExecutionResponse execution) =>
        [.. (await Slack.MessagesAsync()).Where(m =>
            m.IsAbout(day)
            && m.Received >= execution.StartDate.AddSeconds(-1) && m.Received <= (execution.StopDate ?? DateTimeOffset.UtcNow).AddSeconds(1))];

    /// <summary>Async Lambda events that failed every attempt (the emulator's stand-in for an on-failure destination).</summary>
    public async Task<JsonArray> FailedLambdaEventsAsync() =>
        (await JsonNode.ParseAsync(await Http.GetStreamAsync(new Uri(Endpoint, "/_batchkit/lambda/failed-events"))))!["events"]!.AsArray();

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("BatchKit.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Shared(params string[] parts) => Path.Combine([RepositoryRoot(), "..", "shared", .. parts]);
}
