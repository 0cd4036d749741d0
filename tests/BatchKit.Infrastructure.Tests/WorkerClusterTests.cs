using System.Text.Json.Nodes;
using BatchKit.Infrastructure.Constructs;

namespace BatchKit.Infrastructure.Tests;

[Collection(DefaultStackCollection.Name)]
public sealed class WorkerClusterTests(DefaultStack stack)
{
    private JsonObject TaskDefinition => stack.Single("AWS::ECS::TaskDefinition");

    private JsonObject Container => Assert.Single(TaskDefinition["ContainerDefinitions"]!.AsArray())!.AsObject();

    [Fact]
    public void Task_definition_is_a_quarter_vcpu_fargate_task()
    {
        Assert.Equal("256", (string?)TaskDefinition["Cpu"]);
        Assert.Equal("512", (string?)TaskDefinition["Memory"]);
        Assert.Equal("awsvpc", (string?)TaskDefinition["NetworkMode"]);
        Assert.Equal("FARGATE", (string?)Assert.Single(TaskDefinition["RequiresCompatibilities"]!.AsArray()));
        Assert.Equal("BatchKit-worker", (string?)TaskDefinition["Family"]);
        Assert.Equal("X86_64", (string?)TaskDefinition["RuntimePlatform"]!["CpuArchitecture"]);
        Assert.Single(stack.Resources("AWS::ECS::Cluster"));
    }

    [Fact]
    public void Container_is_named_as_the_definition_overrides_it_and_logs_to_cloudwatch()
    {
        var log = Container["LogConfiguration"]!;
        var groupId = (string)log["Options"]!["awslogs-group"]!["Ref"]!;

        Assert.Equal(WorkerCluster.ContainerName, (string?)Container["Name"]);
        Assert.True((bool)Container["Essential"]!);
        Assert.Equal("AWS::Region", (string?)Assert.Single(Container["Environment"]!.AsArray(), e => (string?)e!["Name"] == "AWS_REGION")!["Value"]!["Ref"]);
        Assert.Equal("awslogs", (string?)log["LogDriver"]);
        Assert.Equal(30, (int)stack.Resources("AWS::Logs::LogGroup").Single(g => g.Key == groupId).Value["Properties"]!["RetentionInDays"]!);
    }

    [Fact]
    public void Image_is_built_from_the_workers_dockerfile_at_the_repository_root()
    {
        var image = Assert.Single(stack.Assets["dockerImages"]!.AsObject()).Value!["source"]!;

        Assert.Equal(WorkerCluster.Dockerfile, (string?)image["dockerFile"]);
        Assert.Equal("linux/amd64", (string?)image["platform"]);
        Assert.Contains("container-assets", Container["Image"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, WorkerCluster.Dockerfile)));
    }

    [Fact]
    public void Dockerfile_builds_a_native_AOT_binary_and_runs_as_non_root()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, WorkerCluster.Dockerfile));
        var froms = dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        // The base images are build arguments (make images passes local ones); their defaults are what AWS builds from.
        Assert.Contains("ARG BUILD_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0", dockerfile);
        Assert.Contains("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", dockerfile);
        Assert.StartsWith("FROM ${BUILD_IMAGE} AS build", froms[0], StringComparison.Ordinal);
        Assert.Equal("FROM ${RUNTIME_IMAGE}", froms[^1]);
        Assert.Contains(dockerfile, l => l.Contains("-p:PublishAot=true", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.Contains("apt-get install", StringComparison.Ordinal) && l.Contains("clang", StringComparison.Ordinal));
        Assert.Equal("USER $APP_UID", dockerfile.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Equal("ENTRYPOINT [\"/app/batchkit-worker\"]", dockerfile.Last(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
    }

    [Fact]
    public void Docker_context_leaves_out_build_output_and_the_cloud_assembly()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"));
        var copied = Directory.GetDirectories(stack.CloudAssemblyDir, "asset.*")
            .Single(d => File.Exists(Path.Combine(d, WorkerCluster.Dockerfile)));

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("cdk.out/", ignored);
        Assert.False(Directory.Exists(Path.Combine(copied, "src", "BatchKit.Worker", "bin")));
        Assert.False(Directory.Exists(Path.Combine(copied, "tests")));
        Assert.True(File.Exists(Path.Combine(copied, "src", "BatchKit.Worker", "BatchKit.Worker.csproj")));
    }

    [Fact]
    public void Task_role_reads_processed_files_and_answers_its_task_token()
    {
        var statements = stack.Json.StatementsOf((string)TaskDefinition["TaskRoleArn"]!["Fn::GetAtt"]![0]!).ToList();

        Assert.Equal(["s3:GetObject", "states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"], statements.SelectMany(s => s.Actions()).Order());
        Assert.EndsWith("/processed/*\"]]}", statements.Granting("s3:GetObject")["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(":stateMachine:BatchKit-sales-batch", statements.Granting("states:SendTaskSuccess")["Resource"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
