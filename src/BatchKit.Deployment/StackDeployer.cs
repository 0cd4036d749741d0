using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using BatchKit.Aws;
using BatchKit.Aws.Ecs;
using BatchKit.Aws.EventBridge;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.StepFunctions;
using BatchKit.Contracts;
using BatchKit.Contracts.Functions;
using BatchKit.Workflow;

namespace BatchKit.Deployment;

/// <summary>
/// Deploys the pipeline into a local AWS-compatible endpoint through the AWS APIs only (so it works on the embedded
/// emulator and on LocalStack alike), in the order the resources depend on each other. Every step is idempotent:
/// running it again updates what exists (new code, new definition) instead of failing.
/// </summary>
public sealed class StackDeployer(StackSettings settings, IProgress<string>? progress = null)
{
    public async Task<DeployedStack> DeployAsync(CancellationToken cancellationToken = default)
    {
        var credentials = new BasicAWSCredentials("test", "test");
        var options = new AwsClientOptions { Endpoint = settings.Endpoint, Region = settings.Region, Credentials = credentials };
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = settings.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = settings.Region });
        using var events = new EventBridgeClient(options);
        using var ecs = new EcsClient(options);
        using var lambda = new LambdaClient(options);
        using var stepFunctions = new StepFunctionsClient(options);
        using var ssm = new AmazonSimpleSystemsManagementClient(
            credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = settings.Endpoint.ToString(), AuthenticationRegion = settings.Region });

        Report($"bucket {settings.Bucket}");
        await CreateBucketAsync(s3, cancellationToken).ConfigureAwait(false);

        Report($"EventBridge connection {settings.SlackConnectionName} (Slack credentials for http:invoke)");
        var connectionArn = await events.EnsureApiKeyConnectionAsync(settings.SlackConnectionName, "X-BatchKit", "local", cancellationToken).ConfigureAwait(false);

        Report($"ECS cluster {settings.ClusterName} and task definition {settings.TaskFamily} ({settings.WorkerImage})");
        var clusterArn = (await ecs.CreateClusterAsync(settings.ClusterName, cancellationToken).ConfigureAwait(false)).Cluster.ClusterArn;
        var taskDefinitionArn = (await ecs.RegisterTaskDefinitionAsync(TaskDefinition(), cancellationToken).ConfigureAwait(false)).TaskDefinition.TaskDefinitionArn;

        Report($"Lambda {settings.UploadFunctionName} and {settings.SummaryFunctionName} from {settings.LambdaCodeDirectory}");
        var uploadArn = await DeployFunctionAsync(lambda, settings.UploadFunctionName, FunctionHandlers.Upload, timeout: 300, memory: 512, cancellationToken).ConfigureAwait(false);
        var summaryArn = await DeployFunctionAsync(lambda, settings.SummaryFunctionName, FunctionHandlers.Summary, timeout: 60, memory: 256, cancellationToken).ConfigureAwait(false);

        Report($"state machine {settings.StateMachineName} from sales-batch.asl.json");
        var definition = WorkflowDefinition.Substitute(new Dictionary<string, string>
        {
            ["SlackWebhookUrl"] = settings.SlackWebhookUrl.ToString(),
            ["SlackConnectionArn"] = connectionArn,
            ["ClusterArn"] = clusterArn,
            ["TaskDefinitionArn"] = taskDefinitionArn,
            ["ContainerName"] = settings.ContainerName,
            ["Subnets"] = "subnet-00000000",
            ["SecurityGroups"] = "sg-00000000",
            ["AssignPublicIp"] = "ENABLED",
            ["ResultsBucket"] = settings.Bucket,
            ["SummaryFunctionArn"] = summaryArn,
        });
        if (settings.DefinitionTransform is { } transform)
        {
            definition = transform(definition);
        }

        var machines = await stepFunctions.ListStateMachinesAsync(cancellationToken).ConfigureAwait(false);
        var stateMachineArn = machines.FirstOrDefault(m => m.Name == settings.StateMachineName).StateMachineArn;
        if (stateMachineArn is null)
        {
            stateMachineArn = (await stepFunctions.CreateStateMachineAsync(settings.StateMachineName, definition, settings.Role("batchkit-workflow"), cancellationToken).ConfigureAwait(false)).StateMachineArn;
        }
        else
        {
            await stepFunctions.UpdateStateMachineAsync(stateMachineArn, definition, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        Report($"SSM parameter {ParameterNames.StepFunctionArn}");
        await ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = ParameterNames.StepFunctionArn,
            Value = stateMachineArn,
            Type = ParameterType.String,
            Overwrite = true,
        }, cancellationToken).ConfigureAwait(false);

        Report($"S3 notification: s3://{settings.Bucket}/{BucketPrefixes.Uploads}*.zip → {settings.UploadFunctionName}");
        await lambda.AddPermissionAsync(settings.UploadFunctionName, "s3-uploads", "s3.amazonaws.com", $"arn:aws:s3:::{settings.Bucket}", cancellationToken).ConfigureAwait(false);
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = settings.Bucket,
            LambdaFunctionConfigurations =
            [
                new LambdaFunctionConfiguration
                {
                    Id = "uploads-zip",
                    FunctionArn = uploadArn,
                    Events = [EventType.ObjectCreatedAll],
                    Filter = new Filter
                    {
                        S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", BucketPrefixes.Uploads), new FilterRule("suffix", ".zip")] },
                    },
                },
            ],
        }, cancellationToken).ConfigureAwait(false);

        return new DeployedStack(settings.Bucket, stateMachineArn, uploadArn, summaryArn, clusterArn, taskDefinitionArn, connectionArn);
    }

    private async Task CreateBucketAsync(AmazonS3Client s3, CancellationToken cancellationToken)
    {
        try
        {
            await s3.PutBucketAsync(settings.Bucket, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou" || e.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>The Fargate task definition CDK also declares: 0.25 vCPU, 512 MiB, awsvpc, one essential container.</summary>
    private RegisterTaskDefinitionRequest TaskDefinition() => new()
    {
        Family = settings.TaskFamily,
        RequiresCompatibilities = ["FARGATE"],
        NetworkMode = "awsvpc",
        Cpu = "256",
        Memory = "512",
        ExecutionRoleArn = settings.Role("batchkit-worker-execution"),
        TaskRoleArn = settings.Role("batchkit-worker"),
        ContainerDefinitions =
        [
            new ContainerDefinition
            {
                Name = settings.ContainerName,
                Image = settings.WorkerImage,
                Essential = true,
                Environment = [.. settings.WorkerEnvironment.Select(v => new EnvironmentVariable(v.Key, v.Value))],
            },
        ],
    };

    /// <summary>Creates the function, or points an existing one at the current code and settings.</summary>
    private async Task<string> DeployFunctionAsync(LambdaClient lambda, string name, string handler, int timeout, int memory, CancellationToken cancellationToken)
    {
        // LocalStack's hot-reload bucket: the key is a local directory, used in place.
        var code = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = Path.GetFullPath(settings.LambdaCodeDirectory) };
        var existing = await lambda.GetFunctionConfigurationAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            await lambda.UpdateFunctionCodeAsync(name, code, cancellationToken).ConfigureAwait(false);
            await lambda.UpdateFunctionConfigurationAsync(name, new JsonObject { ["Handler"] = handler, ["Timeout"] = timeout, ["MemorySize"] = memory }, cancellationToken).ConfigureAwait(false);
            return existing["FunctionArn"]!.GetValue<string>();
        }

        return await lambda.CreateFunctionAsync(new JsonObject
        {
            ["FunctionName"] = name,
            ["Runtime"] = "provided.al2023",
            ["Handler"] = handler,
            ["Role"] = settings.Role("batchkit-" + handler),
            ["Timeout"] = timeout,
            ["MemorySize"] = memory,
            ["Architectures"] = new JsonArray("x86_64"),
            ["Code"] = code,
        }, cancellationToken).ConfigureAwait(false);
    }

    private void Report(string step) => progress?.Report(step);
}
