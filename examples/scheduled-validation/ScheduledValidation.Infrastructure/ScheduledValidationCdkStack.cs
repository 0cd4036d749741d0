using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SQS;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using EventBus = Amazon.CDK.AWS.Events.EventBus;
using SfnStateMachine = Amazon.CDK.AWS.Events.Targets.SfnStateMachine;
using SfnStateMachineProps = Amazon.CDK.AWS.Events.Targets.SfnStateMachineProps;
using SqsQueue = Amazon.CDK.AWS.Events.Targets.SqsQueue;
using Function = Amazon.CDK.AWS.Lambda.Function;

namespace ScheduledValidation.Infrastructure;

/// <summary>
/// The scheduled-validation example on AWS: the bucket, the prepare function, a Fargate worker (its image built from
/// the example's Dockerfile) in a VPC without NAT, the state machine from scheduled-validation.asl.json with its
/// placeholders filled by DefinitionSubstitutions, the schedule rule that starts it, and the custom bus whose rule sends
/// completion events to an SQS queue. Each part may touch only what its step reads or writes.
/// </summary>
internal sealed class ScheduledValidationCdkStack : Stack
{
    public ScheduledValidationCdkStack(Construct scope, string id, ScheduledValidationSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules = [new LifecycleRule { Id = "results", Prefix = settings.Prefix + "/results/", Expiration = Duration.Days(30) }],
        });
        Prepare = new Function(this, "Prepare", new FunctionProps
        {
            FunctionName = ValidationNames.PrepareFunction,
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = ValidationNames.Prepare,
            Code = Code.FromAsset(AssetDirectory(settings.FunctionsAssetDir)),
            MemorySize = 256,
            Timeout = Duration.Seconds(60),
            Description = "BatchKit scheduled-validation example: lists <prefix>/incoming/*.csv",
        });
        Bucket.GrantRead(Prepare, ValidationKeys.Incoming(settings.Prefix) + "*");
        var (vpc, securityGroup) = Network();
        Cluster = new Cluster(this, "Cluster", new ClusterProps { ClusterName = ValidationNames.Cluster, Vpc = vpc });
        TaskDefinition = WorkerTask(settings);
        EventBus = new EventBus(this, "EventBus", new EventBusProps { EventBusName = ValidationNames.EventBus });
        CompletedQueue = new Queue(this, "CompletedQueue", new QueueProps { QueueName = ValidationNames.CompletedQueue, EnforceSSL = true });
        _ = new Rule(this, "CompletedRule", new RuleProps
        {
            RuleName = ValidationNames.CompletedRule,
            EventBus = EventBus,
            EventPattern = new EventPattern { Source = [ValidationNames.EventSource], DetailType = [ValidationNames.CompletedDetailType] },
            Targets = [new SqsQueue(CompletedQueue)],
        });
        StateMachine = NewStateMachine(vpc, securityGroup);
        ScheduleRule = new Rule(this, "ScheduleRule", new RuleProps
        {
            RuleName = ValidationNames.ScheduleRule,
            Schedule = Schedule.Expression(settings.Schedule),
            Targets = [new SfnStateMachine(StateMachine, new SfnStateMachineProps { Input = ScheduleInput(settings.Prefix) })],
        });
    }

    public Bucket Bucket { get; }

    public Function Prepare { get; }

    public Cluster Cluster { get; }

    public FargateTaskDefinition TaskDefinition { get; }

    public EventBus EventBus { get; }

    public Queue CompletedQueue { get; }

    public StateMachine StateMachine { get; }

    public Rule ScheduleRule { get; }

    /// <summary>The state machine's input: the bucket, the prefix, and the scheduled event's time (which names the run).</summary>
    private RuleTargetInput ScheduleInput(string prefix) => RuleTargetInput.FromObject(new Dictionary<string, object>
    {
        ["bucket"] = Bucket.BucketName, ["prefix"] = prefix, ["time"] = EventField.Time,
    });

    /// <summary>Public subnets and no NAT gateway (nothing to pay while idle); S3 through its free gateway endpoint.</summary>
    private (Vpc Vpc, SecurityGroup SecurityGroup) Network()
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = 0,
            SubnetConfiguration = [new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 }],
        });
        _ = vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
        var securityGroup = new SecurityGroup(this, "WorkerSecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc, AllowAllOutbound = true, Description = "validation tasks: outbound only",
        });
        return (vpc, securityGroup);
    }

    /// <summary>0.25 vCPU / 512 MiB: one orders file streams through well under it.</summary>
    private FargateTaskDefinition WorkerTask(ScheduledValidationSettings settings)
    {
        var task = new FargateTaskDefinition(this, "WorkerTask", new FargateTaskDefinitionProps
        {
            Family = ValidationNames.WorkerFamily,
            Cpu = 256,
            MemoryLimitMiB = 512,
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.X86_64, OperatingSystemFamily = OperatingSystemFamily.LINUX },
        });
        var logs = new LogGroup(this, "WorkerLogs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.DESTROY });
        _ = task.AddContainer(ValidationNames.ContainerName, new ContainerDefinitionOptions
        {
            ContainerName = ValidationNames.ContainerName,
            Image = ContainerImage.FromAsset(Path.GetFullPath(settings.RepositoryRoot), new AssetImageProps
            {
                File = ScheduledValidationSettings.WorkerDockerfile,
                Platform = Amazon.CDK.AWS.Ecr.Assets.Platform_.LINUX_AMD64,
            }),
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = ValidationNames.ContainerName }),
            Essential = true,
            Environment = new Dictionary<string, string> { ["AWS_REGION"] = Aws.REGION },
        });
        Bucket.GrantRead(task.TaskRole, ValidationKeys.Incoming(settings.Prefix) + "*");
        Bucket.GrantPut(task.TaskRole, settings.Prefix + "/results/*");
        return task;
    }

    private StateMachine NewStateMachine(Vpc vpc, SecurityGroup securityGroup)
    {
        var subnets = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PUBLIC });
        var machine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            StateMachineName = ValidationNames.StateMachine,
            DefinitionBody = DefinitionBody.FromString(ValidationDefinition.Template),
            DefinitionSubstitutions = new Dictionary<string, string>
            {
                [ValidationDefinition.PrepareFunctionArn] = Prepare.FunctionArn,
                [ValidationDefinition.ClusterArn] = Cluster.ClusterArn,
                [ValidationDefinition.TaskDefinitionArn] = TaskDefinition.TaskDefinitionArn,
                [ValidationDefinition.ContainerName] = ValidationNames.ContainerName,
                [ValidationDefinition.Subnets] = Fn.Join(",", subnets.SubnetIds),
                [ValidationDefinition.SecurityGroups] = securityGroup.SecurityGroupId,
                [ValidationDefinition.AssignPublicIp] = "ENABLED", // public subnets without NAT: the task reaches ECR and Step Functions this way
                [ValidationDefinition.EventBusName] = EventBus.EventBusName,
            },
        });
        Prepare.GrantInvoke(machine);
        EventBus.GrantPutEventsTo(machine);
        // ecs:runTask.waitForTaskToken: run the task definition and pass its roles.
        // https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
        machine.AddToRolePolicy(new Amazon.CDK.AWS.IAM.PolicyStatement(new Amazon.CDK.AWS.IAM.PolicyStatementProps
        {
            Actions = ["ecs:RunTask"], Resources = [TaskDefinition.TaskDefinitionArn],
        }));
        machine.AddToRolePolicy(new Amazon.CDK.AWS.IAM.PolicyStatement(new Amazon.CDK.AWS.IAM.PolicyStatementProps
        {
            Actions = ["iam:PassRole"], Resources = [TaskDefinition.TaskRole.RoleArn, TaskDefinition.ObtainExecutionRole().RoleArn],
        }));
        machine.GrantTaskResponse(TaskDefinition.TaskRole);
        return machine;
    }

    /// <summary>The asset folder must hold the published bootstrap; say so at synth time rather than ship an empty zip.</summary>
    private static string AssetDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        return File.Exists(Path.Combine(full, "bootstrap"))
            ? full
            : throw new ArgumentException(
                $"'{full}' has no 'bootstrap': publish examples/scheduled-validation/ScheduledValidation.Functions there " +
                "(make -C examples/scheduled-validation artifacts)", nameof(directory));
    }
}
