using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using BatchKit.Emulator;
using Xunit;

namespace BatchKit.Testing;

/// <summary>One emulator per test class, in-process on a free port, with its own data directory; stopped and removed after.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("batchkit-emulator-").FullName;

    public EmulatorHost Host { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public Task InitializeAsync() => InitializeAsync(new Dictionary<string, string[]>());

    /// <summary>Starts with ECS images mapped to local commands.</summary>
    public Task InitializeAsync(IReadOnlyDictionary<string, string[]> ecsImages) =>
        InitializeAsync(o => o with { EcsImageCommands = ecsImages });

    /// <summary>Starts with options changed from the defaults (port 0 and the fixture's data directory stay).</summary>
    public Task InitializeAsync(Func<EmulatorOptions, EmulatorOptions> configure) => InitializeAsync(configure, TimeProvider.System);

    /// <summary>Starts on <paramref name="time"/>, e.g. a <see cref="ShiftedClock"/> a test moves on to fire an EventBridge schedule.</summary>
    public async Task InitializeAsync(Func<EmulatorOptions, EmulatorOptions> configure, TimeProvider time) =>
        Host = await EmulatorHost.StartAsync(configure(new EmulatorOptions()) with { Port = 0, DataDirectory = DataDirectory }, time);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Http.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>The real AWS SDK for .NET, as the pipeline's code uses it, pointed at the emulator.</summary>
    public AmazonS3Client S3() => LocalAws.S3(Host.ServiceUrl);

    /// <summary>Options for BatchKit's thin clients, pointed at the emulator.</summary>
    public BatchKit.Aws.AwsClientOptions ClientOptions() => LocalAws.ClientOptions(Host.ServiceUrl);

    /// <summary>The real AWSSDK.SimpleSystemsManagement, as the upload handler and the deploy step use it.</summary>
    public AmazonSimpleSystemsManagementClient Ssm() => LocalAws.Ssm(Host.ServiceUrl);

    /// <summary>A JSON-protocol call signed with SigV4 (secret <c>test</c>), as any SDK would send it.</summary>
    public async Task<(int Status, JsonObject Body)> JsonAsync(string target, string service, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Host.ServiceUrl)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        request.Headers.Add("X-Amz-Target", target);
        await SignedRequests.SignAsync(request, service);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>DescribeExecution until the execution leaves RUNNING (within <paramref name="deadline"/>, 60 s by default).</summary>
    public Task<JsonObject> WaitForExecutionAsync(string executionArn, TimeSpan? deadline = null) =>
        Eventually.ValueAsync(
            async () => (await JsonAsync("AWSStepFunctions.DescribeExecution", "states", new JsonObject { ["executionArn"] = executionArn })).Body,
            d => d["status"]?.GetValue<string>() != "RUNNING",
            $"the execution {executionArn} ending",
            deadline,
            d => d.ToJsonString());

    /// <summary>DescribeTasks until the task is STOPPED; returns the task.</summary>
    public Task<JsonNode> WaitForTaskStoppedAsync(string cluster, string taskArn, TimeSpan? deadline = null) =>
        Eventually.ValueAsync(
            async () => (await JsonAsync("AmazonEC2ContainerServiceV20141113.DescribeTasks", "ecs", new JsonObject { ["cluster"] = cluster, ["tasks"] = new JsonArray(taskArn) })).Body["tasks"]![0]!,
            t => t["lastStatus"]?.GetValue<string>() == "STOPPED",
            $"the task {taskArn} stopping",
            deadline,
            t => t.ToJsonString());

    /// <summary>A REST-JSON Lambda call (path under /2015-03-31/functions) signed with SigV4.</summary>
    public async Task<(int Status, HttpResponseMessage Response, string Body)> LambdaAsync(HttpMethod method, string path, JsonNode? body = null, string? invocationType = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Host.ServiceUrl, "/2015-03-31/functions" + path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (invocationType is not null)
        {
            request.Headers.Add("X-Amz-Invocation-Type", invocationType);
        }

        await SignedRequests.SignAsync(request, "lambda");
        var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }
}
