using System.Text.Json.Nodes;
using Amazon.Runtime;
using BatchKit.Aws.Ecs;
using BatchKit.Aws.EventBridge;
using BatchKit.Aws.Lambda;
using BatchKit.Emulator;

namespace BatchKit.Aws.Tests;

/// <summary>The ECS, Lambda and EventBridge thin clients against the embedded emulator, endpoint from the environment.</summary>
public sealed class DeployClientsWireTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-aws-deploy-").FullName;
    private readonly string _code = Directory.CreateTempSubdirectory("batchkit-aws-code-").FullName;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
    {
        Port = 0,
        DataDirectory = _data,
        HotReloadDirectories = [_code],
        EcsImageCommands = new Dictionary<string, string[]> { ["exit3"] = ["/bin/sh", "-c", "echo \"store $S3_KEY\"; exit 3"] },
    });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_code, recursive: true);
    }

    [Fact]
    public async Task ECS_registers_runs_and_describes_a_task_through_AWS_ENDPOINT_URL_ECS()
    {
        using var ecs = new EcsClient(Options("AWS_ENDPOINT_URL_ECS"));
        var cluster = (await ecs.CreateClusterAsync("wire")).Cluster.ClusterArn;
        var definition = (await ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = "wire",
            RequiresCompatibilities = ["FARGATE"],
            ContainerDefinitions = [new ContainerDefinition { Name = "main", Image = "exit3", Essential = true }],
        })).TaskDefinition.TaskDefinitionArn;
        Assert.Equal("arn:aws:ecs:us-east-1:000000000000:task-definition/wire:1", definition);

        var run = await ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = cluster,
            TaskDefinition = "wire",
            LaunchType = "FARGATE",
            Overrides = new TaskOverride([new ContainerOverride { Name = "main", Environment = [new EnvironmentVariable("S3_KEY", "k")] }]),
        });
        Assert.Empty(run.Failures);
        var arn = run.Tasks[0].TaskArn;
        var task = await Eventually.ValueAsync(async () => (await ecs.DescribeTasksAsync(cluster, [arn])).Tasks[0], t => t.LastStatus == "STOPPED", "the task stopping");

        Assert.Equal(3, task.Containers[0].ExitCode);

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.RunTaskAsync(new RunTaskRequest { Cluster = "nope", TaskDefinition = "wire" }));
        Assert.Equal("ClusterNotFoundException", missing.ErrorCode);
    }

    [Fact]
    public async Task Lambda_functions_are_created_found_updated_and_permitted_over_REST_JSON()
    {
        var code = _code;
        {
            await File.WriteAllTextAsync(Path.Combine(code, "bootstrap"), "#!/bin/sh\n");
            using var lambda = new LambdaClient(Options("AWS_ENDPOINT_URL_LAMBDA"));
            Assert.Null(await lambda.GetFunctionConfigurationAsync("wire"));

            var arn = await lambda.CreateFunctionAsync(new JsonObject
            {
                ["FunctionName"] = "wire", ["Runtime"] = "provided.al2023", ["Role"] = "arn:aws:iam::000000000000:role/r", ["Handler"] = "upload",
                ["Code"] = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = code },
            });
            Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:wire", arn);
            await lambda.UpdateFunctionConfigurationAsync("wire", new JsonObject { ["Handler"] = "summary", ["Timeout"] = 30 });
            Assert.Equal("summary", (await lambda.GetFunctionConfigurationAsync("wire"))!["Handler"]!.GetValue<string>());
            await lambda.AddPermissionAsync("wire", "s3", "s3.amazonaws.com", "arn:aws:s3:::b");
            await lambda.AddPermissionAsync("wire", "s3", "s3.amazonaws.com", "arn:aws:s3:::b"); // deploys repeat: a second time is fine

            var again = new JsonObject
            {
                ["FunctionName"] = "wire", ["Runtime"] = "provided.al2023", ["Role"] = "arn:aws:iam::000000000000:role/r",
                ["Code"] = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = code },
            };
            var bad = await Assert.ThrowsAsync<AwsServiceException>(() => lambda.CreateFunctionAsync(again));
            Assert.Equal("ResourceConflictException", bad.ErrorCode);
        }
    }

    [Fact]
    public async Task An_EventBridge_connection_is_created_once()
    {
        using var events = new EventBridgeClient(Options("AWS_ENDPOINT_URL_EVENTBRIDGE"));
        var first = await events.EnsureApiKeyConnectionAsync("slack", "X-Key", "v");
        Assert.StartsWith("arn:aws:events:us-east-1:000000000000:connection/slack", first, StringComparison.Ordinal);
        Assert.Equal(first, await events.EnsureApiKeyConnectionAsync("slack", "X-Key", "v"));
    }

    [Fact]
    public async Task ECS_describes_and_deregisters_a_revision_and_deletes_an_idle_cluster()
    {
        using var ecs = new EcsClient(Options("AWS_ENDPOINT_URL_ECS"));
        await ecs.CreateClusterAsync("gone");
        var request = new RegisterTaskDefinitionRequest
        {
            Family = "revs", Cpu = "256", Memory = "512",
            ContainerDefinitions = [new ContainerDefinition { Name = "main", Image = "exit3", Environment = [new EnvironmentVariable("A", "1")] }],
        };
        await ecs.RegisterTaskDefinitionAsync(request);
        await ecs.RegisterTaskDefinitionAsync(request with { Memory = "1024" });

        var second = await ecs.DeregisterTaskDefinitionAsync("revs:2");
        var latest = await ecs.DescribeTaskDefinitionAsync("revs");

        Assert.Equal("INACTIVE", second.Status);
        Assert.Equal(1, latest.Revision); // the family now means its latest ACTIVE revision
        Assert.Equal(("256", "512"), (latest.Cpu, latest.Memory));
        Assert.Equal(new EnvironmentVariable("A", "1"), Assert.Single(latest.ContainerDefinitions[0].Environment!));
        Assert.Equal("INACTIVE", (await ecs.DeleteClusterAsync("gone")).Status);
        var again = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.DeleteClusterAsync("gone"));
        Assert.Equal("ClusterNotFoundException", again.ErrorCode);
    }

    [Fact]
    public async Task An_EventBridge_connection_is_described_without_its_secret_and_deleted()
    {
        using var events = new EventBridgeClient(Options("AWS_ENDPOINT_URL_EVENTBRIDGE"));
        var arn = await events.CreateConnectionAsync("described", "API_KEY",
            new JsonObject { ["ApiKeyAuthParameters"] = new JsonObject { ["ApiKeyName"] = "X-Key", ["ApiKeyValue"] = "secret" } }, "for a test");

        var described = await events.DescribeConnectionAsync("described");

        Assert.Equal(arn, (string?)described!["ConnectionArn"]);
        Assert.Null(described["AuthParameters"]!["ApiKeyAuthParameters"]!["ApiKeyValue"]);
        await events.DeleteConnectionAsync("described");
        Assert.Null(await events.DescribeConnectionAsync("described"));
    }

    /// <summary>Only the service-specific variable points at the emulator: proves the client resolves it.</summary>
    private AwsClientOptions Options(string endpointVariable) => new()
    {
        Environment = new FakeEnvironment(new() { [endpointVariable] = _emulator.ServiceUrl.ToString(), ["AWS_REGION"] = "us-east-1" }),
        Credentials = new BasicAWSCredentials("test", "test"),
        MaxAttempts = 1,
    };
}
