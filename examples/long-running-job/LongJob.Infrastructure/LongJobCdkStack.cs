using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Amazon.CDK.AWS.SES;
using Constructs;
using LongJob.Jobs;
using Function = Amazon.CDK.AWS.Lambda.Function;

namespace LongJob.Infrastructure;

/// <summary>
/// The long-running-job example on AWS: a versioned bucket whose <c>requests/*.json</c> uploads invoke the submit
/// function; the requests table; a Fargate task definition for the worker (its image built from the worker's
/// Dockerfile) in public subnets without NAT; the sender identity. The function may run only that task definition and
/// pass only its roles; the task may read the bucket, write <c>archives/</c>, update the table and send mail.
/// </summary>
internal sealed class LongJobCdkStack : Stack
{
    public const string FunctionsAssetDirKey = "functionsAssetDir";
    public const string WorkerAssetDirKey = "workerAssetDir";
    public const string SenderEmailKey = "senderEmail";

    public LongJobCdkStack(Construct scope, string id, string functionsAssetDir, string workerAssetDir, string senderEmail) : base(scope, id)
    {
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Versioned = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                // A link works for 7 days at most (SigV4 query-string auth), so an archive is of no use after that.
                new LifecycleRule
                {
                    Id = "archives", Prefix = LongJobNames.Archives, Expiration = Duration.Days(8), NoncurrentVersionExpiration = Duration.Days(1),
                },
                new LifecycleRule { Id = "old-versions", NoncurrentVersionExpiration = Duration.Days(30) },
            ],
        });
        Table = new Table(this, "Requests", new TableProps
        {
            TableName = LongJobNames.Table,
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "requestId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        _ = new EmailIdentity(this, "Sender", new EmailIdentityProps { Identity = Identity.Email(senderEmail) });
        var vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = 0,
            SubnetConfiguration = [new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC }],
        });
        Cluster = new Cluster(this, "Cluster", new ClusterProps { ClusterName = LongJobNames.Cluster, Vpc = vpc });
        TaskDefinition = NewTaskDefinition(workerAssetDir, senderEmail);
        Submit = NewSubmitFunction(functionsAssetDir, vpc);
        Bucket.AddEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(Submit),
            new NotificationKeyFilter { Prefix = LongJobNames.Requests, Suffix = ".json" });
    }

    public Bucket Bucket { get; }

    public Table Table { get; }

    public Cluster Cluster { get; }

    public FargateTaskDefinition TaskDefinition { get; }

    public Function Submit { get; }

    private FargateTaskDefinition NewTaskDefinition(string workerAssetDir, string senderEmail)
    {
        var task = new FargateTaskDefinition(this, "Archiver", new FargateTaskDefinitionProps
        {
            Family = LongJobNames.TaskFamily, Cpu = 256, MemoryLimitMiB = 512,
        });
        task.AddContainer(LongJobNames.Container, new ContainerDefinitionOptions
        {
            ContainerName = LongJobNames.Container,
            Image = ContainerImage.FromAsset(AssetDirectory(workerAssetDir, "Dockerfile")),
            Essential = true,
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { StreamPrefix = LongJobNames.Container }),
            Environment = new Dictionary<string, string>
            {
                [LongJobNames.TableVariable] = LongJobNames.Table,
                [LongJobNames.SenderVariable] = senderEmail,
            },
        });
        Table.GrantReadWriteData(task.TaskRole);
        Bucket.GrantRead(task.TaskRole);
        Bucket.GrantPut(task.TaskRole, LongJobNames.Archives + "*");
        task.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ses:SendEmail"],
            Resources = [Arn.Format(new ArnComponents { Service = "ses", Resource = "identity", ResourceName = "*" }, this)],
        }));
        return task;
    }

    private Function NewSubmitFunction(string functionsAssetDir, Vpc vpc)
    {
        var function = new Function(this, "Submit", new FunctionProps
        {
            FunctionName = LongJobNames.Function,
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = LongJobNames.SubmitHandler,
            Code = Code.FromAsset(AssetDirectory(functionsAssetDir, "bootstrap")),
            MemorySize = 256,
            Timeout = Duration.Seconds(60),
            Description = "BatchKit long-running-job example: store the request, start the archive task",
            Environment = new Dictionary<string, string>
            {
                [LongJobNames.TableVariable] = LongJobNames.Table,
                [LongJobNames.ClusterVariable] = Cluster.ClusterArn,
                [LongJobNames.TaskDefinitionVariable] = TaskDefinition.TaskDefinitionArn,
                [LongJobNames.SubnetsVariable] = Fn.Join(",", [.. vpc.PublicSubnets.Select(s => s.SubnetId)]),
            },
        });
        Table.GrantReadWriteData(function);
        Bucket.GrantRead(function, LongJobNames.Requests + "*");
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["ecs:RunTask"], Resources = [TaskDefinition.TaskDefinitionArn] }));
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["iam:PassRole"],
            Resources = [TaskDefinition.TaskRole.RoleArn, TaskDefinition.ObtainExecutionRole().RoleArn],
        }));
        return function;
    }

    /// <summary>An asset folder must hold what it ships; say so at synth time rather than ship an empty asset.</summary>
    private static string AssetDirectory(string directory, string required)
    {
        var full = Path.GetFullPath(directory);
        return File.Exists(Path.Combine(full, required))
            ? full
            : throw new ArgumentException($"'{full}' has no '{required}': run `make -C examples/long-running-job artifacts` first", nameof(directory));
    }
}
