using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using BatchKit.Aws.Ecs;
using BatchKit.Aws.EventBridge;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;

namespace ScheduledValidation.Local;

/// <summary>
/// Deploys the scheduled-validation example into a local endpoint with the names its CDK stack uses: the bucket, the
/// prepare function, the ECS cluster and worker task definition (its image the emulator maps to the built worker),
/// the custom bus with the rule that sends completion events to the queue, the state machine, and last the schedule
/// rule that starts it (so nothing fires before the rest exists), as CloudFormation orders them from the references.
/// </summary>
public sealed class ScheduledValidationStack(LocalEndpoint endpoint, string functionsDirectory, IProgress<string>? progress = null)
{
    public const string Bucket = "batchkit-scheduled-validation";

    public const string DefaultPrefix = "orders";

    /// <summary>The schedule the local stack deploys with; the CDK stack's default too.</summary>
    public string ScheduleExpression { get; init; } = "rate(1 hour)";

    public string Prefix { get; init; } = DefaultPrefix;

    public static AslTemplate Definition { get; } = new("scheduled-validation.asl.json", ValidationDefinition.Template);

    public async Task<ScheduledValidationDeployment> DeployAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var s3 = endpoint.S3();
        using var lambda = new LambdaClient(endpoint.ClientOptions());
        using var stepFunctions = new StepFunctionsClient(endpoint.ClientOptions());
        using var events = new EventBridgeClient(endpoint.ClientOptions());

        progress?.Report($"bucket {Bucket}");
        await LocalDeploy.EnsureBucketAsync(s3, Bucket, cancellationToken).ConfigureAwait(false);
        progress?.Report($"Lambda {ValidationNames.PrepareFunction}");
        var prepare = new FunctionSpec(ValidationNames.PrepareFunction, ValidationNames.Prepare, functionsDirectory);
        var prepareArn = await LocalDeploy.DeployFunctionAsync(lambda, prepare, cancellationToken).ConfigureAwait(false);
        var (clusterArn, taskDefinitionArn) = await DeployWorkerAsync(cancellationToken).ConfigureAwait(false);
        var (busArn, queueUrl) = await DeployCompletionRouteAsync(events, cancellationToken).ConfigureAwait(false);

        progress?.Report($"state machine {ValidationNames.StateMachine} from scheduled-validation.asl.json");
        var definition = Definition.Substitute(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ValidationDefinition.PrepareFunctionArn] = prepareArn,
            [ValidationDefinition.ClusterArn] = clusterArn,
            [ValidationDefinition.TaskDefinitionArn] = taskDefinitionArn,
            [ValidationDefinition.ContainerName] = ValidationNames.ContainerName,
            [ValidationDefinition.Subnets] = "subnet-local",
            [ValidationDefinition.SecurityGroups] = "sg-local",
            [ValidationDefinition.AssignPublicIp] = "DISABLED",
            [ValidationDefinition.EventBusName] = ValidationNames.EventBus,
        });
        var stateMachineArn = await LocalDeploy.EnsureStateMachineAsync(stepFunctions, ValidationNames.StateMachine, definition, cancellationToken)
            .ConfigureAwait(false);

        progress?.Report($"schedule rule {ValidationNames.ScheduleRule}: {ScheduleExpression} → {ValidationNames.StateMachine}");
        var ruleArn = await events.PutRuleAsync(ValidationNames.ScheduleRule, null, ScheduleExpression, null, cancellationToken).ConfigureAwait(false);
        await events.PutTargetsAsync(ValidationNames.ScheduleRule, null, [ScheduleTarget(stateMachineArn, Bucket, Prefix)], cancellationToken)
            .ConfigureAwait(false);
        return new ScheduledValidationDeployment(Bucket, Prefix, stateMachineArn, ruleArn, busArn, queueUrl, prepareArn);
    }

    /// <summary>
    /// The schedule's target: the state machine, started with <c>{bucket, prefix, time}</c> — the scheduled event's time
    /// through an InputTransformer, so each run is named after its schedule.
    /// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
    /// </summary>
    public static JsonObject ScheduleTarget(string stateMachineArn, string bucket, string prefix) => new()
    {
        ["Id"] = "state-machine",
        ["Arn"] = stateMachineArn,
        ["RoleArn"] = LocalEndpoint.Role(ValidationNames.ScheduleRule),
        ["InputTransformer"] = new JsonObject
        {
            ["InputPathsMap"] = new JsonObject { ["time"] = "$.time" },
            // Written out, not serialized: a JSON writer would escape the placeholder's angle brackets.
            ["InputTemplate"] = $$"""{"bucket":{{JsonSerializer.Serialize(bucket)}},"prefix":{{JsonSerializer.Serialize(prefix)}},"time":"<time>"}""",
        },
    };

    private async Task<(string ClusterArn, string TaskDefinitionArn)> DeployWorkerAsync(CancellationToken cancellationToken)
    {
        using var ecs = new EcsClient(endpoint.ClientOptions());
        progress?.Report($"ECS cluster {ValidationNames.Cluster} and task definition {ValidationNames.WorkerFamily} (image {ValidationNames.WorkerImage})");
        var cluster = await ecs.CreateClusterAsync(ValidationNames.Cluster, cancellationToken).ConfigureAwait(false);
        var registered = await ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = ValidationNames.WorkerFamily,
            RequiresCompatibilities = ["FARGATE"],
            NetworkMode = "awsvpc",
            Cpu = "256",
            Memory = "512",
            TaskRoleArn = LocalEndpoint.Role(ValidationNames.WorkerFamily),
            ContainerDefinitions = [new ContainerDefinition { Name = ValidationNames.ContainerName, Image = ValidationNames.WorkerImage, Essential = true }],
        }, cancellationToken).ConfigureAwait(false);
        return (cluster.Cluster.ClusterArn, registered.TaskDefinition.TaskDefinitionArn);
    }

    /// <summary>The custom bus, the queue, and the rule on the bus that sends the example's completion events to the queue.</summary>
    private async Task<(string BusArn, string QueueUrl)> DeployCompletionRouteAsync(EventBridgeClient events, CancellationToken cancellationToken)
    {
        progress?.Report($"event bus {ValidationNames.EventBus}, rule {ValidationNames.CompletedRule} → SQS queue {ValidationNames.CompletedQueue}");
        var busArn = await events.EnsureEventBusAsync(ValidationNames.EventBus, cancellationToken).ConfigureAwait(false);
        using var sqs = Sqs(endpoint);
        var queueUrl = (await sqs.CreateQueueAsync(ValidationNames.CompletedQueue, cancellationToken).ConfigureAwait(false)).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], cancellationToken).ConfigureAwait(false)).QueueARN;
        var pattern = new JsonObject
        {
            ["source"] = new JsonArray(ValidationNames.EventSource), ["detail-type"] = new JsonArray(ValidationNames.CompletedDetailType),
        };
        await events.PutRuleAsync(ValidationNames.CompletedRule, ValidationNames.EventBus, null, pattern.ToJsonString(), cancellationToken)
            .ConfigureAwait(false);
        await events.PutTargetsAsync(ValidationNames.CompletedRule, ValidationNames.EventBus, [new JsonObject { ["Id"] = "queue", ["Arn"] = queueArn }],
            cancellationToken).ConfigureAwait(false);
        return (busArn, queueUrl);
    }

    /// <summary>AWSSDK.SQS against the endpoint, no retries (a failure shows at once).</summary>
    public static AmazonSQSClient Sqs(LocalEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new AmazonSQSClient(LocalEndpoint.Credentials, new AmazonSQSConfig
        {
            ServiceURL = endpoint.Url.ToString(), AuthenticationRegion = LocalEndpoint.Region, MaxErrorRetry = 0,
        });
    }
}
