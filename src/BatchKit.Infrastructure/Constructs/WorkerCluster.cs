using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using BatchKit.Contracts;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// The ECS cluster and the worker's Fargate task definition, its image built from src/BatchKit.Worker/Dockerfile as a
/// Docker image asset. The task role reads store files and answers the workflow's task token, nothing else.
/// </summary>
internal sealed class WorkerCluster : Construct
{
    public const string ContainerName = "worker";

    /// <summary>0.25 vCPU / 512 MiB: the smallest Fargate size; one store file streams in well under it.</summary>
    public const int Cpu = 256;

    public const int MemoryMiB = 512;

    public const string Dockerfile = "src/BatchKit.Worker/Dockerfile";

    public WorkerCluster(Construct scope, string id, Network network, IBucket bucket, ResourceNames names, BatchKitSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(settings);
        Cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = network.Vpc });
        TaskDefinition = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Family = names.WorkerFamily,
            Cpu = Cpu,
            MemoryLimitMiB = MemoryMiB,
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.X86_64, OperatingSystemFamily = OperatingSystemFamily.LINUX },
        });
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = LogRetention.Of(settings.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Container = TaskDefinition.AddContainer(ContainerName, new ContainerDefinitionOptions
        {
            ContainerName = ContainerName,
            Image = ContainerImage.FromAsset(Path.GetFullPath(settings.RepositoryRoot), new AssetImageProps
            {
                File = Dockerfile,
                Platform = Amazon.CDK.AWS.Ecr.Assets.Platform_.LINUX_AMD64,
            }),
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = LogGroup, StreamPrefix = ContainerName }),
            Essential = true,
            Environment = ContainerEnvironment(settings),
        });

        // The worker's own permissions: read one store file, answer (and heartbeat) its task token.
        TaskDefinition.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject"],
            Resources = [bucket.ArnForObjects(BucketPrefixes.Processed + "*")],
        }));
        // Scoped to the state machine, as CDK's StateMachine.grantTaskResponse does.
        // https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
        TaskDefinition.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"],
            Resources = [names.StateMachineArn],
        }));
    }

    public Cluster Cluster { get; }

    public FargateTaskDefinition TaskDefinition { get; }

    public ContainerDefinition Container { get; }

    public LogGroup LogGroup { get; }

    /// <summary>The worker resolves its region like every AWS SDK: say it rather than rely on the platform's defaults.</summary>
    private static Dictionary<string, string> ContainerEnvironment(BatchKitSettings settings) =>
        new(settings.WorkerEnvironment, StringComparer.Ordinal) { ["AWS_REGION"] = Aws.REGION };
}
