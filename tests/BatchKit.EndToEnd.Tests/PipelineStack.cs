using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Deployment;
using BatchKit.EndToEnd.Tests.Backends;

namespace BatchKit.EndToEnd.Tests;

/// <summary>
/// The whole local stack for a test class (each class is its own test collection): the backend BATCHKIT_E2E_BACKEND
/// chooses (<see cref="BackendChoice"/>: the embedded emulator in-process with the worker and the Lambda as real
/// processes, by default; the emulator container with the worker in containers; LocalStack), the WireMock.Net Slack
/// stub in-process on a port bound at start, and
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

    /// <summary>The cloud assembly's directory under .batchkit/test-synth/&lt;test project&gt;/ (one per <see cref="Context"/>).</summary>
    protected virtual string SynthesisName => "end-to-end";

    /// <summary>
    /// The test project this class is compiled into. The Viewer tests compile it too, and their Lambda launcher names
    /// their own build; while both projects shared one launcher and one cloud assembly, each synthesis deleted the
    /// asset directory the other project's running Lambda was deployed from (six end-to-end tests failed in CI that
    /// way). So the launcher and the cloud assemblies live under the project's name.
    /// </summary>
    private static string TestProject => typeof(PipelineStack).Assembly.GetName().Name!;

    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-e2e-").FullName;
    private IStackBackend? _backend;
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

    /// <summary>The backend this stack runs on (<see cref="BackendChoice"/>); a stack that injects faults keeps its own emulator.</summary>
    public BackendChoice Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var endpoint = MayUseExternalEndpoint ? Environment.GetEnvironmentVariable("BATCHKIT_ENDPOINT") : null;
        if (string.IsNullOrEmpty(endpoint))
        {
            await StartAndDeployAsync();
        }
        else
        {
            Endpoint = new Uri(endpoint);
            Slack = SlackStub.Attach(new Uri(Environment.GetEnvironmentVariable("BATCHKIT_SLACK_URL") ?? "http://127.0.0.1:8089"));
            OutputsFile = Environment.GetEnvironmentVariable("BATCHKIT_OUTPUTS") is { Length: > 0 } outputs
                ? outputs
                : Path.Combine(RepositoryRoot(), ".batchkit", "outputs.json");
        }

        // Every backend is read the same way: from the outputs file its deploy (or cdk deploy --outputs-file) wrote.
        Stack = DeployedStack.Read(OutputsFile);
        var credentials = new BasicAWSCredentials("test", "test");
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        StepFunctions = new StepFunctionsClient(new AwsClientOptions { Endpoint = Endpoint, Region = "us-east-1", Credentials = credentials });
    }

    /// <summary>Starts the chosen backend with the in-process Slack stub, and deploys the synthesized template into it.</summary>
    private async Task StartAndDeployAsync()
    {
        Backend = MayUseExternalEndpoint ? BackendChoice.FromEnvironment() : new BackendChoice(EndToEndBackend.Process);
        Report(Backend);
        // The stub first: the emulator's viewer reads its journal.
        _slackServer = SlackStubServer.Start(Path.Combine(RepositoryRoot(), SlackStubServer.MappingsFolder), port: 0);
        Slack = _slackServer.Client;
        _backend = Backend.Backend switch
        {
            EndToEndBackend.Container => new ContainerBackend(),
            EndToEndBackend.LocalStack => new LocalStackBackend(Backend.LocalStackImage!),
            _ => new ProcessBackend(),
        };
        // the bootstrap this project built, deployed below, and the cloud assembly its asset is staged into
        var settings = new StackBackendSettings(_data, WorkerCommand, Slack.BaseUrl,
            [AppContext.BaseDirectory, Path.Combine(RepositoryRoot(), ".batchkit", "test-synth")]);
        Endpoint = await _backend.StartAsync(settings, CancellationToken.None);
        var deployment = new LocalDeployment
        {
            RepositoryRoot = RepositoryRoot(),
            Endpoint = Endpoint,
            StateDirectory = Path.Combine(_data, "stack"),
            SlackWebhookUrl = Slack.WebhookUrl,
            LambdaAssetDirectory = _backend.LambdaAssetDirectory(LambdaLauncher()),
            CloudAssemblyDirectory = Path.Combine(RepositoryRoot(), ".batchkit", "test-synth", TestProject, SynthesisName),
            Context = Context,
        };
        await deployment.DeployAsync();
        OutputsFile = deployment.OutputsFile;
    }

    /// <summary>Appends the backend line to the file scripts/test.sh names, which prints the backends of its runs.</summary>
    private static void Report(BackendChoice choice)
    {
        if (Environment.GetEnvironmentVariable(BackendChoice.ReportVariable) is { Length: > 0 } file)
        {
            lock (LauncherLock)
            {
                File.AppendAllText(file, choice.Describe() + "\n");
            }
        }
    }

    /// <summary>
    /// The function code asset for the tests: a <c>bootstrap</c> that runs the upload handler this project built (next to
    /// the tests), so the asset stays a few bytes and the synthesis is reused until the path changes.
    /// </summary>
    private static string LambdaLauncher()
    {
        var directory = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), ".batchkit", "test-lambda", TestProject)).FullName;
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
        // Null when the start failed: the backend is still stopped below.
        S3?.Dispose();
        StepFunctions?.Dispose();
        Http.Dispose();
        _slackServer?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
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
