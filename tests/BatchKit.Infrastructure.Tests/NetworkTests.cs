namespace BatchKit.Infrastructure.Tests;

[Collection(DefaultStackCollection.Name)]
public sealed class NetworkTests(DefaultStack stack)
{
    [Fact]
    public void Default_vpc_has_public_subnets_and_no_nat_gateway()
    {
        Assert.Equal(2, stack.Resources("AWS::EC2::Subnet").Count());
        Assert.All(stack.Resources("AWS::EC2::Subnet"), s => Assert.True((bool)s.Value["Properties"]!["MapPublicIpOnLaunch"]!));
        Assert.Empty(stack.Resources("AWS::EC2::NatGateway"));
        Assert.Single(stack.Resources("AWS::EC2::InternetGateway"));
    }

    [Fact]
    public void S3_traffic_goes_through_a_gateway_endpoint()
    {
        var endpoint = stack.Single("AWS::EC2::VPCEndpoint");

        Assert.Equal("Gateway", (string?)endpoint["VpcEndpointType"]);
        Assert.Contains(".s3", endpoint["ServiceName"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_security_group_accepts_nothing_inbound()
    {
        var group = stack.Single("AWS::EC2::SecurityGroup");

        Assert.Null(group["SecurityGroupIngress"]);
        Assert.Equal("0.0.0.0/0", (string?)group["SecurityGroupEgress"]![0]!["CidrIp"]);
    }
}
