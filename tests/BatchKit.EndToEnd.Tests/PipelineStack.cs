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
/// the deploy `make up` runs: the template CDK synthesizes (once per change of its inputs, shared by every class and
/// run), deployed by the template deployer. With <c>BATCHKIT_ENDPOINT</c> set it deploys nothing: it uses that endpoint
/// (a running `make up`, LocalStack, or AWS), the stack's outputs file (<c>BATCHKIT_OUTPUTS</c>, default
/// .batchkit/outputs.json, as `make up` or `cdk deploy --outputs-file` writes it) and the Slack stub at
/// <c>BATCHKIT_SLACK_URL</c> (default http://127.0.0.1:8089).
/// </summary>
public class PipelineStack : IAsyncLifetime
{
    /// <summary>
    /// The CDK context the stack is synthesized with (a stack setting the template carries, never an edit of what was
    /// synthesized): here the workers heartbeat every second. Each distinct context is one synthesis, reused by every
    /// run until the app changes.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> Context { get; } = new Dictionary<string, string>
    {
        [Contracts.Stack.CdkContextKeys.WorkerEnvironment] = Contracts.Worker.WorkerEnvironment.HeartbeatSeconds + "=1",
    };

    /// <summary>The cloud assembly's directory under .batchkit/test-synth/ (one per <see cref="Context"/>).</summary>
    protected virtual string SynthesisName => "end-to-end";

    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-e2e-").FullName;
    private EmulatorHost? _emulator;
    private SlackStubServer? _slackServer;

    public SlackStub Slack { get; private set; } = null!;

    public AmazonS3Client S3 { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public DeployedStack Stack { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The outputs file the stack was read from (the CLI test passes it to `batchkit run --outputs`).</summary>
    public string OutputsFile { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    /// <summary>The ECS image command for the worker; a test class may wrap the worker (to make it crash once, say).</summary>
    protected virtual string[] WorkerCommand => [Path.Combine(AppContext.BaseDirectory, "batchkit-worker")];

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
                EcsImageCommands = new Dictionary<string, string[]> { [LocalDeployment.LocalWorkerImage] = WorkerCommand },
                LambdaAsyncRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)],
                // the bootstrap this project built, deployed below, and the cloud assembly its asset is staged into
                HotReloadDirectories = [AppContext.BaseDirectory, Path.Combine(RepositoryRoot(), ".batchkit", "test-synth")],
            });
            Endpoint = _emulator.ServiceUrl;
            _slackServer = SlackStubServer.Start(Path.Combine(RepositoryRoot(), SlackStubServer.MappingsFolder), port: 0);
            Slack = _slackServer.Client;
            var deployment = new LocalDeployment
            {
                RepositoryRoot = RepositoryRoot(),
                Endpoint = Endpoint,
                StateDirectory = Path.Combine(_data, "stack"),
                SlackWebhookUrl = Slack.WebhookUrl,
                LambdaAssetDirectory = LambdaLauncher(),
                CloudAssemblyDirectory = Path.Combine(RepositoryRoot(), ".batchkit", "test-synth", SynthesisName),
                Context = Context,
            };
            await deployment.DeployAsync();
            OutputsFile = deployment.OutputsFile;
        }
        else
        {
            Endpoint = new Uri(endpoint);
            Slack = SlackStub.Attach(new Uri(Environment.GetEnvironmentVariable("BATCHKIT_SLACK_URL") ?? "http://127.0.0.1:8089"));
            OutputsFile = Environment.GetEnvironmentVariable("BATCHKIT_OUTPUTS") is { Length: > 0 } outputs
                ? outputs
                : Path.Combine(RepositoryRoot(), ".batchkit", "outputs.json");
        }

        Stack = DeployedStack.Read(OutputsFile);
        var credentials = new BasicAWSCredentials("test", "test");
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        StepFunctions = new StepFunctionsClient(new AwsClientOptions { Endpoint = Endpoint, Region = "us-east-1", Credentials = credentials });
    }

    /// <summary>
    /// The function code asset for the tests: a <c>bootstrap</c> that runs the upload handler this project built (next to
    /// the tests), so the asset stays a few bytes and the synthesis is reused until the path changes.
    /// </summary>
    private static string LambdaLauncher()
    {
        var directory = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), ".batchkit", "test-lambda", "end-to-end")).FullName;
        var bootstrap = Path.Combine(directory, "bootstrap");
        var script = $"#!/bin/sh\nexec '{Path.Combine(AppContext.BaseDirectory, "bootstrap")}' \"$@\"\n";
        lock (LauncherLock)
        {
            if (!File.Exists(bootstrap) || File.ReadAllText(bootstrap) != script)
            {
                File.WriteAllText(bootstrap, script);
                if (OperatingSystem.IsWindows())
                {
                    throw new PlatformNotSupportedException("the Lambda runs its bootstrap as a Linux process");
                }

                File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return directory;
    }

    private static readonly Lock LauncherLock = new();

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
