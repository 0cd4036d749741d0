using Amazon.Runtime;
using BatchKit.Aws.Ecs;
using BatchKit.Emulator;

namespace BatchKit.Aws.Tests;

/// <summary>The ECS client against the embedded emulator over real HTTP, endpoint taken from AWS_ENDPOINT_URL_ECS as in production.</summary>
public sealed class EcsWireTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-aws-ecs-").FullName;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
    {
        Port = 0,
        DataDirectory = _data,
        EcsImageCommands = new Dictionary<string, string[]>
        {
            ["exit3"] = ["/bin/sh", "-c", "exit 3"],
            ["shell"] = ["/bin/sh", "-c"],
            ["echo-env"] = ["/bin/sh", "-c", "test \"$S3_KEY\" = processed/2026-11-22/store_1000.json && test \"$MODE\" = override"],
        },
    });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_task_runs_to_STOPPED_with_its_exit_code_and_stopped_reason()
    {
        using var ecs = new EcsClient(Options());
        var cluster = await ecs.CreateClusterAsync("batchkit-wire");
        Assert.Equal(("arn:aws:ecs:us-east-1:000000000000:cluster/batchkit-wire", "batchkit-wire", "ACTIVE"), (cluster.Cluster.ClusterArn, cluster.Cluster.ClusterName, cluster.Cluster.Status));

        var registered = await ecs.RegisterTaskDefinitionAsync(Definition("exit3-worker", "exit3"));
        var definition = registered.TaskDefinition;
        Assert.Equal(("arn:aws:ecs:us-east-1:000000000000:task-definition/exit3-worker:1", 1), (definition.TaskDefinitionArn, definition.Revision));
        Assert.Equal(("awsvpc", "256", "512", "FARGATE"), (definition.NetworkMode, definition.Cpu, definition.Memory, Assert.Single(definition.RequiresCompatibilities)));
        Assert.Equal(("arn:aws:iam::000000000000:role/batchkit-worker-execution", "arn:aws:iam::000000000000:role/batchkit-worker"), (definition.ExecutionRoleArn, definition.TaskRoleArn));
        var container = Assert.Single(definition.ContainerDefinitions);
        Assert.Equal(("worker", "exit3", true), (container.Name, container.Image, container.Essential));
        Assert.Equal([new EnvironmentVariable("MODE", "default")], container.Environment);
        Assert.Equal("awslogs", container.LogConfiguration!.LogDriver);
        Assert.Equal("batchkit", container.LogConfiguration.Options!["awslogs-stream-prefix"]);

        var run = await ecs.RunTaskAsync(Run(cluster.Cluster.ClusterArn, "exit3-worker"));
        Assert.Empty(run.Failures);
        var started = Assert.Single(run.Tasks);
        Assert.Equal((cluster.Cluster.ClusterArn, definition.TaskDefinitionArn), (started.ClusterArn, started.TaskDefinitionArn));

        var stopped = await WaitUntilStoppedAsync(ecs, "batchkit-wire", started.TaskArn);

        Assert.Equal(("STOPPED", "STOPPED", "Essential container in task exited"), (stopped.LastStatus, stopped.DesiredStatus, stopped.StoppedReason));
        var exited = Assert.Single(stopped.Containers);
        Assert.Equal(("worker", 3), (exited.Name, exited.ExitCode));
        Assert.NotNull(stopped.StoppedAt);
        Assert.True(stopped.StoppedAt >= stopped.CreatedAt);
    }

    [Fact]
    public async Task Container_overrides_reach_the_task_environment()
    {
        using var ecs = new EcsClient(Options());
        await ecs.CreateClusterAsync("batchkit-overrides");
        await ecs.RegisterTaskDefinitionAsync(Definition("env-worker", "echo-env"));

        var run = await ecs.RunTaskAsync(Run("batchkit-overrides", "env-worker:1"));
        var stopped = await WaitUntilStoppedAsync(ecs, "batchkit-overrides", Assert.Single(run.Tasks).TaskArn);

        // The image's command exits 0 only when both overridden variables arrived.
        Assert.Equal(0, Assert.Single(stopped.Containers).ExitCode);
    }

    [Fact]
    public async Task The_task_definition_command_runs_and_a_container_override_command_replaces_it()
    {
        using var ecs = new EcsClient(Options());
        await ecs.CreateClusterAsync("batchkit-command");
        await ecs.RegisterTaskDefinitionAsync(Definition("command-worker", "shell") with
        {
            ContainerDefinitions = [new ContainerDefinition { Name = "worker", Image = "shell", Command = ["exit 5"] }],
        });

        var fromDefinition = await ecs.RunTaskAsync(new RunTaskRequest { Cluster = "batchkit-command", TaskDefinition = "command-worker" });
        var overridden = await ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "batchkit-command",
            TaskDefinition = "command-worker",
            Overrides = new TaskOverride([new ContainerOverride { Name = "worker", Command = ["exit 6"] }]),
        });

        Assert.Equal(5, Assert.Single((await WaitUntilStoppedAsync(ecs, "batchkit-command", Assert.Single(fromDefinition.Tasks).TaskArn)).Containers).ExitCode);
        Assert.Equal(6, Assert.Single((await WaitUntilStoppedAsync(ecs, "batchkit-command", Assert.Single(overridden.Tasks).TaskArn)).Containers).ExitCode);
    }

    [Fact]
    public async Task An_unknown_cluster_is_a_typed_ClusterNotFoundException_and_an_unknown_task_is_a_MISSING_failure()
    {
        using var ecs = new EcsClient(Options());
        await ecs.CreateClusterAsync("batchkit-errors");
        await ecs.RegisterTaskDefinitionAsync(Definition("errors-worker", "exit3"));

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.RunTaskAsync(Run("no-such-cluster", "errors-worker")));
        Assert.Equal(("ClusterNotFoundException", System.Net.HttpStatusCode.BadRequest), (e.ErrorCode, e.StatusCode));
        Assert.Contains("no-such-cluster", e.Message, StringComparison.Ordinal);

        var unknownDefinition = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.RunTaskAsync(Run("batchkit-errors", "no-such-family")));
        Assert.Equal("ClientException", unknownDefinition.ErrorCode);

        var described = await ecs.DescribeTasksAsync("batchkit-errors", ["arn:aws:ecs:us-east-1:000000000000:task/batchkit-errors/0123456789abcdef"]);
        Assert.Empty(described.Tasks);
        Assert.Equal(new Failure("arn:aws:ecs:us-east-1:000000000000:task/batchkit-errors/0123456789abcdef", "MISSING", null), Assert.Single(described.Failures));
    }

    private static async Task<EcsTask> WaitUntilStoppedAsync(EcsClient ecs, string cluster, string taskArn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var task = Assert.Single((await ecs.DescribeTasksAsync(cluster, [taskArn])).Tasks);
            if (task.LastStatus == "STOPPED")
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"task {taskArn} did not stop within 30 s (last status {task.LastStatus})");
            await Task.Delay(50);
        }
    }

    private static RegisterTaskDefinitionRequest Definition(string family, string image) => new()
    {
        Family = family,
        RequiresCompatibilities = ["FARGATE"],
        NetworkMode = "awsvpc",
        Cpu = "256",
        Memory = "512",
        ExecutionRoleArn = "arn:aws:iam::000000000000:role/batchkit-worker-execution",
        TaskRoleArn = "arn:aws:iam::000000000000:role/batchkit-worker",
        ContainerDefinitions =
        [
            new ContainerDefinition
            {
                Name = "worker",
                Image = image,
                Essential = true,
                Environment = [new EnvironmentVariable("MODE", "default")],
                LogConfiguration = new LogConfiguration("awslogs", new Dictionary<string, string> { ["awslogs-group"] = "/batchkit/worker", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "batchkit" }),
            },
        ],
    };

    private static RunTaskRequest Run(string cluster, string taskDefinition) => new()
    {
        Cluster = cluster,
        TaskDefinition = taskDefinition,
        LaunchType = "FARGATE",
        Count = 1,
        NetworkConfiguration = new NetworkConfiguration(new AwsVpcConfiguration(["subnet-00000000"], ["sg-00000000"], "ENABLED")),
        Overrides = new TaskOverride(
        [
            new ContainerOverride { Name = "worker", Environment = [new EnvironmentVariable("S3_KEY", "processed/2026-11-22/store_1000.json"), new EnvironmentVariable("MODE", "override")] },
        ]),
        Tags = [new Tag("batchkit:day", "2026-11-22")],
    };

    /// <summary>Only the ECS-specific variable points at the emulator: the general one is unroutable, so a wrong pick fails.</summary>
    private AwsClientOptions Options() => new()
    {
        Environment = new FakeEnvironment(new()
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
            ["AWS_ENDPOINT_URL_ECS"] = _emulator.ServiceUrl.ToString(),
            ["AWS_REGION"] = "us-east-1",
        }),
        Credentials = new BasicAWSCredentials("test", "test"),
        MaxAttempts = 1,
    };
}
