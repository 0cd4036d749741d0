using System.Net;
using Amazon.Runtime;
using BatchKit.Aws.Ecs;

namespace BatchKit.Aws.Tests;

/// <summary>The ECS client's wire shapes and input checks, against scripted responses (unit tests of the protocol logic).</summary>
public sealed class EcsClientTests
{
    [Fact]
    public void AWS_ENDPOINT_URL_ECS_wins_over_AWS_ENDPOINT_URL_and_the_regional_default_is_the_ecs_host()
    {
        var both = new FakeEnvironment(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566", ["AWS_ENDPOINT_URL_ECS"] = "http://127.0.0.1:7777", ["AWS_REGION"] = "eu-west-1" });

        using var ecs = new EcsClient(new AwsClientOptions { Environment = both, Credentials = new BasicAWSCredentials("a", "b") });

        Assert.Equal(new Uri("http://127.0.0.1:7777"), ecs.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), AwsEndpointResolver.Resolve(AwsService.StepFunctions, "eu-west-1", both));
        Assert.Equal(new Uri("https://ecs.eu-west-1.amazonaws.com/"), AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", new FakeEnvironment([])));
    }

    [Fact]
    public async Task RunTask_is_sent_as_JSON_1_1_with_botocore_member_names_and_no_absent_members()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, """{"tasks": [], "failures": []}"""));
        using var ecs = Client(handler);

        await ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "batchkit",
            TaskDefinition = "batchkit-worker:7",
            LaunchType = "FARGATE",
            NetworkConfiguration = new NetworkConfiguration(new AwsVpcConfiguration(["subnet-1", "subnet-2"], ["sg-1"], "DISABLED")),
            Overrides = new TaskOverride([new ContainerOverride { Name = "worker", Environment = [new EnvironmentVariable("TASK_TOKEN", "t\"1")], Command = ["run"] }]),
            Tags = [new Tag("day", "2026-11-22")],
        });

        var (target, contentType, authorization, body) = Assert.Single(handler.Requests);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.RunTask", target);
        Assert.Equal("application/x-amz-json-1.1", contentType);
        Assert.Contains("/us-east-1/ecs/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Equal(
            """{"cluster":"batchkit","launchType":"FARGATE","networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1","subnet-2"],"securityGroups":["sg-1"],"assignPublicIp":"DISABLED"}},"overrides":{"containerOverrides":[{"name":"worker","command":["run"],"environment":[{"name":"TASK_TOKEN","value":"t\u00221"}]}]},"tags":[{"key":"day","value":"2026-11-22"}],"taskDefinition":"batchkit-worker:7"}""",
            body);
    }

    [Fact]
    public async Task RunTask_failures_such_as_missing_capacity_are_data_in_the_response_not_exceptions()
    {
        // The shape AWS answers when Fargate has no capacity for one of two tasks.
        var handler = new ScriptedHandler((HttpStatusCode.OK, """
            {"tasks": [{"taskArn": "arn:aws:ecs:us-east-1:1:task/batchkit/abc", "clusterArn": "arn:aws:ecs:us-east-1:1:cluster/batchkit",
                        "lastStatus": "PROVISIONING", "desiredStatus": "RUNNING", "createdAt": 1795342830.25,
                        "containers": [{"name": "worker", "lastStatus": "PENDING"}]}],
             "failures": [{"arn": "arn:aws:ecs:us-east-1:1:cluster/batchkit", "reason": "Capacity is unavailable at this time. Please try again later or in a different availability zone", "detail": "MISSING"}]}
            """));
        using var ecs = Client(handler);

        var run = await ecs.RunTaskAsync(new RunTaskRequest { Cluster = "batchkit", TaskDefinition = "batchkit-worker", Count = 2 });

        var task = Assert.Single(run.Tasks);
        Assert.Equal(("arn:aws:ecs:us-east-1:1:task/batchkit/abc", "PROVISIONING", "RUNNING"), (task.TaskArn, task.LastStatus, task.DesiredStatus));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795342830250), task.CreatedAt);
        Assert.Null(Assert.Single(task.Containers).ExitCode);
        var failure = Assert.Single(run.Failures);
        Assert.Equal(("arn:aws:ecs:us-east-1:1:cluster/batchkit", "MISSING"), (failure.Arn, failure.Detail));
        Assert.StartsWith("Capacity is unavailable", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("\"count\":2", handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ECS_errors_carry_the_ECS_error_code_and_throttling_is_retried()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.BadRequest, """{"__type": "ThrottlingException", "message": "Rate exceeded"}"""),
            (HttpStatusCode.BadRequest, """{"__type": "ClusterNotFoundException", "message": "Cluster not found."}"""));
        using var ecs = Client(handler);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => ecs.DescribeTasksAsync("nope", ["abc"]));

        Assert.Equal(("ClusterNotFoundException", HttpStatusCode.BadRequest, "ClusterNotFoundException: Cluster not found."), (e.ErrorCode, e.StatusCode, e.Message));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("""{"cluster":"nope","tasks":["abc"]}""", handler.Requests[1].Body);
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_anything_is_sent_with_the_limit_they_break()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, "{}"));
        using var ecs = Client(handler);
        var container = new ContainerDefinition { Name = "worker", Image = "batchkit-worker" };

        var family = await Assert.ThrowsAsync<ArgumentException>(() => ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest { Family = "bad family", ContainerDefinitions = [container] }));
        Assert.Contains("'bad family'", family.Message, StringComparison.Ordinal);
        var none = await Assert.ThrowsAsync<ArgumentException>(() => ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest { Family = "w", ContainerDefinitions = [] }));
        Assert.Contains("at least one container", none.Message, StringComparison.Ordinal);
        var noImage = await Assert.ThrowsAsync<ArgumentException>(() => ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest { Family = "w", ContainerDefinitions = [container with { Image = "" }] }));
        Assert.Contains("needs a name and an image", noImage.Message, StringComparison.Ordinal);
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest { Family = "w", ContainerDefinitions = [container, container] }));
        Assert.Contains("'worker' more than once", twice.Message, StringComparison.Ordinal);

        var count = await Assert.ThrowsAsync<ArgumentException>(() => ecs.RunTaskAsync(new RunTaskRequest { TaskDefinition = "w", Count = 11 }));
        Assert.Contains("1 to 10 tasks", count.Message, StringComparison.Ordinal);
        var subnets = await Assert.ThrowsAsync<ArgumentException>(() => ecs.RunTaskAsync(new RunTaskRequest { TaskDefinition = "w", NetworkConfiguration = new NetworkConfiguration(new AwsVpcConfiguration([])) }));
        Assert.Contains("at least one subnet", subnets.Message, StringComparison.Ordinal);
        var unnamed = await Assert.ThrowsAsync<ArgumentException>(() => ecs.RunTaskAsync(new RunTaskRequest { TaskDefinition = "w", Overrides = new TaskOverride([new ContainerOverride { Name = " " }]) }));
        Assert.Contains("must name the container", unnamed.Message, StringComparison.Ordinal);
        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => ecs.DescribeTasksAsync(null, [.. Enumerable.Range(0, 101).Select(i => $"t{i}")]));
        Assert.Contains("1 to 100", tooMany.Message, StringComparison.Ordinal);

        Assert.Empty(handler.Requests);
    }

    private static EcsClient Client(HttpMessageHandler handler) => new(ScriptedHandler.Options(handler));
}
