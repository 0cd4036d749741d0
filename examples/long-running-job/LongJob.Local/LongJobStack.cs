using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BatchKit.Aws.Ecs;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.Ses;
using BatchKit.Examples.Local;
using LongJob.Jobs;

namespace LongJob.Local;

/// <summary>
/// Deploys the long-running-job example into a local endpoint with the names its CDK stack uses: the bucket, the
/// requests table, the verified sender, the cluster and the archive task definition (image
/// <see cref="LongJobNames.LocalImage"/>, which the emulator maps to the built worker), the submit function and the S3
/// notification <c>requests/*.json</c> → it. Each step is idempotent, as the payroll deploy's are.
/// </summary>
public sealed class LongJobStack(LocalEndpoint endpoint, string functionsDirectory, IProgress<string>? progress = null)
{
    public const string Bucket = "batchkit-long-running-job";

    public const string Sender = "jobs@batchkit.example";

    /// <summary>The command line the emulator runs for the worker image: the built worker under dotnet.</summary>
    public static string[] WorkerCommand(string workerDirectory) => ["dotnet", Path.Combine(Path.GetFullPath(workerDirectory), "long-job-worker.dll")];

    public async Task<LongJobDeployment> DeployAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var s3 = endpoint.S3();
        progress?.Report($"bucket {Bucket}");
        await LocalDeploy.EnsureBucketAsync(s3, Bucket, cancellationToken).ConfigureAwait(false);

        progress?.Report($"DynamoDB table {LongJobNames.Table}");
        using (var dynamoDb = DynamoDb(endpoint))
        {
            await EnsureTableAsync(dynamoDb, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report($"SES sender {Sender}");
        using (var ses = new SesClient(endpoint.ClientOptions()))
        {
            await ses.EnsureEmailIdentityAsync(Sender, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report($"ECS cluster {LongJobNames.Cluster} and task definition {LongJobNames.TaskFamily}");
        using var ecs = new EcsClient(endpoint.ClientOptions());
        await ecs.CreateClusterAsync(LongJobNames.Cluster, cancellationToken).ConfigureAwait(false);
        var task = await ecs.RegisterTaskDefinitionAsync(TaskDefinition(), cancellationToken).ConfigureAwait(false);

        var function = new FunctionSpec(LongJobNames.Function, LongJobNames.SubmitHandler, functionsDirectory)
        {
            Environment = new Dictionary<string, string>
            {
                [LongJobNames.TableVariable] = LongJobNames.Table,
                [LongJobNames.ClusterVariable] = LongJobNames.Cluster,
                [LongJobNames.TaskDefinitionVariable] = task.TaskDefinition.TaskDefinitionArn,
            },
        };
        progress?.Report($"Lambda {function.Name} and the S3 notification {LongJobNames.Requests}*.json → it");
        using var lambda = new LambdaClient(endpoint.ClientOptions());
        var functionArn = await LocalDeploy.DeployFunctionAsync(lambda, function, cancellationToken).ConfigureAwait(false);
        await LocalDeploy.NotifyOnUploadAsync(s3, lambda, Bucket, function.Name, functionArn, LongJobNames.Requests, ".json", cancellationToken)
            .ConfigureAwait(false);
        return new LongJobDeployment(Bucket, LongJobNames.Table, Sender, functionArn, task.TaskDefinition.TaskDefinitionArn);
    }

    /// <summary>AWSSDK.DynamoDBv2 against the endpoint, no retries (a failure shows at once).</summary>
    public static AmazonDynamoDBClient DynamoDb(LocalEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new AmazonDynamoDBClient(LocalEndpoint.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.Url.ToString(), AuthenticationRegion = LocalEndpoint.Region, MaxErrorRetry = 0,
        });
    }

    private static RegisterTaskDefinitionRequest TaskDefinition() => new()
    {
        Family = LongJobNames.TaskFamily,
        RequiresCompatibilities = ["FARGATE"],
        NetworkMode = "awsvpc",
        Cpu = "256",
        Memory = "512",
        ContainerDefinitions =
        [
            new ContainerDefinition
            {
                Name = LongJobNames.Container,
                Image = LongJobNames.LocalImage,
                Essential = true,
                Environment =
                [
                    new EnvironmentVariable(LongJobNames.TableVariable, LongJobNames.Table),
                    new EnvironmentVariable(LongJobNames.SenderVariable, Sender),
                ],
            },
        ],
    };

    private static async Task EnsureTableAsync(AmazonDynamoDBClient dynamoDb, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.CreateTableAsync(new CreateTableRequest
            {
                TableName = LongJobNames.Table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new AttributeDefinition("requestId", ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement("requestId", KeyType.HASH)],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
        }
    }
}
