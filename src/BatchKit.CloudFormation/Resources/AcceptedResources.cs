namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// The types the BatchKit stack holds that are accepted and recorded, not emulated, with what Ref and Fn::GetAtt
/// answer for each (from the resource reference of each type).
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
/// </summary>
internal static class AcceptedResources
{
    public static IEnumerable<ResourceProvisioner> All()
    {
        yield return Named("AWS::IAM::Role", "RoleName", 64, new()
        {
            ["Arn"] = (r, id) => $"arn:{r.Context.Pseudo.Partition}:iam::{r.Context.Pseudo.AccountId}:role{r.Text("Path") ?? "/"}{id}",
            ["RoleId"] = (r, _) => "AROA" + Ec2Hex(r)[..17].ToUpperInvariant(),
        });
        yield return Named("AWS::IAM::Policy", "PolicyName", 128, new() { ["Id"] = (_, id) => id });
        yield return Named("AWS::IAM::ManagedPolicy", "ManagedPolicyName", 128, new()
        {
            ["PolicyArn"] = (r, id) => $"arn:{r.Context.Pseudo.Partition}:iam::{r.Context.Pseudo.AccountId}:policy/{id}",
        });
        yield return Ec2("AWS::EC2::VPC", "vpc", new()
        {
            ["VpcId"] = (_, id) => id,
            ["CidrBlock"] = (r, _) => r.Text("CidrBlock") ?? "10.0.0.0/16",
            ["DefaultSecurityGroup"] = (r, _) => PhysicalNames.Ec2Id("sg", r.Context.Pseudo.StackName, r.LogicalId + "/default"),
            ["DefaultNetworkAcl"] = (r, _) => PhysicalNames.Ec2Id("acl", r.Context.Pseudo.StackName, r.LogicalId + "/default"),
        });
        yield return Ec2("AWS::EC2::Subnet", "subnet", new()
        {
            ["SubnetId"] = (_, id) => id,
            ["AvailabilityZone"] = (r, _) => r.Text("AvailabilityZone") ?? r.Context.Pseudo.Region + "a",
            ["VpcId"] = (r, _) => r.Text("VpcId") ?? "",
        });
        yield return Ec2("AWS::EC2::RouteTable", "rtb", new() { ["RouteTableId"] = (_, id) => id });
        yield return Ec2("AWS::EC2::SubnetRouteTableAssociation", "rtbassoc", new() { ["Id"] = (_, id) => id });
        yield return Ec2("AWS::EC2::Route", "r", new());
        yield return Ec2("AWS::EC2::InternetGateway", "igw", new() { ["InternetGatewayId"] = (_, id) => id });
        yield return Ec2("AWS::EC2::VPCGatewayAttachment", "vgwa", new());
        yield return Ec2("AWS::EC2::VPCEndpoint", "vpce", new() { ["Id"] = (_, id) => id, ["CreationTimestamp"] = (_, _) => "1970-01-01T00:00:00Z" });
        yield return Ec2("AWS::EC2::SecurityGroup", "sg", new() { ["GroupId"] = (_, id) => id, ["VpcId"] = (r, _) => r.Text("VpcId") ?? "" });
        yield return Ec2("AWS::EC2::SecurityGroupIngress", "sgr", new() { ["Id"] = (_, id) => id });
        yield return Ec2("AWS::EC2::SecurityGroupEgress", "sgr", new() { ["Id"] = (_, id) => id });
        yield return Named("AWS::SQS::Queue", "QueueName", 80, new()
        {
            ["Arn"] = (r, id) => $"arn:{r.Context.Pseudo.Partition}:sqs:{r.Context.Pseudo.Region}:{r.Context.Pseudo.AccountId}:{QueueName(id)}",
            ["QueueName"] = (_, id) => QueueName(id),
            ["QueueUrl"] = (_, id) => id,
        }, (r, name) => $"https://sqs.{r.Context.Pseudo.Region}.{r.Context.Pseudo.UrlSuffix}/{r.Context.Pseudo.AccountId}/{name}");
        yield return Generated("AWS::SQS::QueuePolicy");
        yield return Generated("AWS::S3::BucketPolicy");
        yield return Generated("AWS::Lambda::EventInvokeConfig");
        yield return Generated("AWS::CDK::Metadata");
    }

    private static AcceptedResource Named(
        string type, string nameProperty, int maxLength, Dictionary<string, Func<ResourceRequest, string, string>> attributes,
        Func<ResourceRequest, string, string>? refFromName = null) =>
        new(type, r => refFromName is null ? r.Name(nameProperty, maxLength) : refFromName(r, r.Name(nameProperty, maxLength)), attributes);

    private static AcceptedResource Ec2(string type, string prefix, Dictionary<string, Func<ResourceRequest, string, string>> attributes) =>
        new(type, r => PhysicalNames.Ec2Id(prefix, r.Context.Pseudo.StackName, r.LogicalId), attributes);

    private static AcceptedResource Generated(string type) =>
        new(type, r => PhysicalNames.Generate(r.Context.Pseudo.StackName, r.LogicalId, 128), new Dictionary<string, Func<ResourceRequest, string, string>>());

    private static string QueueName(string url) => url[(url.LastIndexOf('/') + 1)..];

    private static string Ec2Hex(ResourceRequest request) => PhysicalNames.Ec2Id("x", request.Context.Pseudo.StackName, request.LogicalId)[2..];
}
