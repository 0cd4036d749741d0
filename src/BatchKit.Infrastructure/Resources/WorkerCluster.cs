using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using BatchKit.Contracts;
using Constructs;

namespace BatchKit.Infrastructure.Resources;

/// <summary>
/// Where the worker runs: an ECS cluster and the Fargate task definition built from src/BatchKit.Worker/Dockerfile
/// (0.25 vCPU, 512 MiB, logs to CloudWatch), in an existing VPC or a new minimal one. The task role may read
/// processed/ and answer task tokens, nothing else.
/// </summary>
internal sealed class WorkerCluster : Construct
{
    public const string ContainerName = "worker";

    public WorkerCluster(Construct scope, string id, BatchKitSettings settings, SalesStorage storage)
        : base(scope, id)
    {
        string vpcId;
        if (settings.VpcId is { } existing)
        {
            if (settings.SubnetIds.Count == 0)
            {
                throw new ArgumentException("context vpcId needs subnetIds too (comma-separated subnets for the tasks)");
            }

            vpcId = existing;
            SubnetIds = [.. settings.SubnetIds];
        }
        else
        {
            // Public subnets and public IPs: tasks reach ECR, S3 and Step Functions without a NAT gateway's hourly cost.
            var vpc = new Vpc(this, "Vpc", new VpcProps
            {
                MaxAzs = 2,
                NatGateways = settings.PublicSubnets ? 0 : 1,
                SubnetConfiguration = settings.PublicSubnets
                    ? [new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 }]
                    : [new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 }, new SubnetConfiguration { Name = "tasks", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 }],
            });
            vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
            vpcId = vpc.VpcId;
            SubnetIds = settings.PublicSubnets ? vpc.PublicSubnets.Select(s => s.SubnetId).ToArray() : vpc.PrivateSubnets.Select(s => s.SubnetId).ToArray();
        }

        AssignPublicIp = settings.PublicSubnets ? "ENABLED" : "DISABLED";
        SecurityGroup = new CfnSecurityGroup(this, "TaskSecurityGroup", new CfnSecurityGroupProps
        {
            VpcId = vpcId,
            GroupDescription = "BatchKit worker tasks: outbound only (S3, Step Functions, ECR, CloudWatch Logs)",
            SecurityGroupEgress = new object[] { new CfnSecurityGroup.EgressProperty { IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = "0.0.0.0/0", Description = "HTTPS to AWS APIs" } },
        });
        Cluster = new CfnCluster(this, "Cluster", new CfnClusterProps { ClusterName = "batchkit" });

        TaskRole = new Role(this, "TaskRole", new RoleProps { AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com") });
        TaskRole.AddToPolicy(Policies.Allow(["s3:GetObject"], storage.ObjectsArn(BucketPrefixes.Processed)));
        // Task-token calls cannot be scoped to a resource: the token names the task. (Exception listed in the tests.)
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
        TaskRole.AddToPolicy(Policies.Allow(["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"], "*"));

        var logs = new LogGroup(this, "Logs", new LogGroupProps { Retention = RetentionDays.TWO_WEEKS, RemovalPolicy = RemovalPolicy.DESTROY });
        TaskDefinition = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Family = "batchkit-worker",
            Cpu = 256,
            MemoryLimitMiB = 512,
            TaskRole = TaskRole,
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.X86_64, OperatingSystemFamily = OperatingSystemFamily.LINUX },
        });
        TaskDefinition.AddContainer(ContainerName, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromAsset(settings.RepositoryRoot, new AssetImageProps { File = "src/BatchKit.Worker/Dockerfile" }),
            Essential = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "worker", LogGroup = logs }),
        });
    }

    public string[] SubnetIds { get; }

    public string AssignPublicIp { get; }

    public CfnSecurityGroup SecurityGroup { get; }

    public CfnCluster Cluster { get; }

    public Role TaskRole { get; }

    public FargateTaskDefinition TaskDefinition { get; }
}
