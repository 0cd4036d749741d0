using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// Where the Fargate workers run: an existing VPC by id, or a new minimal one. Public mode puts tasks in public subnets
/// with a public IP (no NAT gateway); private mode uses isolated subnets and reaches AWS through VPC endpoints.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html
/// </summary>
internal sealed class Network : Construct
{
    public Network(Construct scope, string id, BatchKitSettings settings) : base(scope, id)
    {
        Mode = settings.NetworkMode;
        var subnetType = Mode == NetworkMode.Public ? SubnetType.PUBLIC : SubnetType.PRIVATE_ISOLATED;
        if (settings.VpcId is { } vpcId)
        {
            Vpc = Amazon.CDK.AWS.EC2.Vpc.FromLookup(this, "Vpc", new VpcLookupOptions { VpcId = vpcId });
        }
        else
        {
            var vpc = new Vpc(this, "Vpc", new VpcProps
            {
                MaxAzs = 2,
                NatGateways = 0,
                SubnetConfiguration =
                [
                    new SubnetConfiguration { Name = Mode == NetworkMode.Public ? "public" : "private", SubnetType = subnetType, CidrMask = 24 },
                ],
            });
            // The gateway endpoint is free and keeps S3 traffic off the internet in either mode.
            // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html
            _ = vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
            if (Mode == NetworkMode.Private)
            {
                // Without a NAT gateway a task in an isolated subnet pulls its image and answers its task token only
                // through these. https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
                _ = vpc.AddInterfaceEndpoint("EcrApi", new InterfaceVpcEndpointOptions { Service = InterfaceVpcEndpointAwsService.ECR });
                _ = vpc.AddInterfaceEndpoint("EcrDocker", new InterfaceVpcEndpointOptions { Service = InterfaceVpcEndpointAwsService.ECR_DOCKER });
                _ = vpc.AddInterfaceEndpoint("Logs", new InterfaceVpcEndpointOptions { Service = InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS });
                _ = vpc.AddInterfaceEndpoint("StepFunctions", new InterfaceVpcEndpointOptions { Service = InterfaceVpcEndpointAwsService.STEP_FUNCTIONS });
            }

            Vpc = vpc;
        }

        Subnets = Vpc.SelectSubnets(new SubnetSelection { SubnetType = subnetType });
        WorkerSecurityGroup = new SecurityGroup(this, "WorkerSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "BatchKit Fargate workers: no inbound; outbound HTTPS to S3, ECR, Logs and Step Functions",
            AllowAllOutbound = true,
        });
    }

    public NetworkMode Mode { get; }

    public IVpc Vpc { get; }

    public ISelectedSubnets Subnets { get; }

    public SecurityGroup WorkerSecurityGroup { get; }

    /// <summary>The ASL's <c>${Subnets}</c> is split with States.StringSplit(..., ','): comma-separated ids.</summary>
    public string SubnetIdsText => Fn.Join(",", Subnets.SubnetIds);

    public string AssignPublicIp => Mode == NetworkMode.Public ? "ENABLED" : "DISABLED";
}
