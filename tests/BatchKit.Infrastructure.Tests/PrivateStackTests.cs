using System.Text.Json.Nodes;
using BatchKit.Workflow;

namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// networkMode=private, tracing=true, another stack name, log retention and the worker settings: they reach the
/// template.
/// </summary>
[Collection(PrivateStackCollection.Name)]
public sealed class PrivateStackTests(PrivateStack stack)
{
    [Fact]
    public void Private_subnets_reach_aws_through_endpoints_without_internet()
    {
        var endpoints = stack.Resources("AWS::EC2::VPCEndpoint").Select(e => e.Value["Properties"]!).ToList();

        Assert.Empty(stack.Resources("AWS::EC2::InternetGateway"));
        Assert.Empty(stack.Resources("AWS::EC2::NatGateway"));
        Assert.All(stack.Resources("AWS::EC2::Subnet"), s => Assert.False((bool)s.Value["Properties"]!["MapPublicIpOnLaunch"]!));
        Assert.Single(endpoints, e => (string?)e["VpcEndpointType"] == "Gateway");
        var interfaces = endpoints.Where(e => (string?)e["VpcEndpointType"] == "Interface").Select(e => e["ServiceName"]!.ToJsonString()).ToList();
        Assert.Equal(4, interfaces.Count);
        Assert.All(["ecr.api", "ecr.dkr", "logs", "states"], s => Assert.Contains(interfaces, i => i.Contains("." + s + "\"", StringComparison.Ordinal) || i.EndsWith("." + s + "\"]]}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Tasks_get_no_public_ip()
    {
        Assert.Equal("DISABLED", (string?)stack.Single("AWS::StepFunctions::StateMachine")["DefinitionSubstitutions"]!["AssignPublicIp"]);
    }

    [Fact]
    public void Tracing_and_names_follow_the_settings()
    {
        var machine = stack.Single("AWS::StepFunctions::StateMachine");

        Assert.True((bool)machine["TracingConfiguration"]!["Enabled"]!);
        Assert.Equal("BatchKitPrivate-sales-batch", (string?)machine["StateMachineName"]);
        Assert.Equal("BatchKitPrivate-worker", (string?)stack.Single("AWS::ECS::TaskDefinition")["Family"]);
        Assert.All(stack.Resources("AWS::Logs::LogGroup"), g => Assert.Equal(90, (int)g.Value["Properties"]!["RetentionInDays"]!));
    }

    [Fact]
    public void X_ray_grants_are_the_only_new_wildcards_and_pass_the_check()
    {
        var actions = stack.Resources("AWS::IAM::Policy")
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .SelectMany(s => s!.AsObject().Actions())
            .ToList();

        Assert.Contains("xray:PutTraceSegments", actions);
        Assert.Empty(LeastPrivilegeCheck.Violations(stack.Json));
    }

    [Fact]
    public void The_worker_settings_are_carried_by_the_template_itself()
    {
        var definition = JsonNode.Parse((string)stack.Single("AWS::StepFunctions::StateMachine")["DefinitionString"]!)!;
        var task = definition["States"]!["Stores"]!["ItemProcessor"]!["States"]!["AggregateStore"]!;
        var environment = Assert.Single(stack.Single("AWS::ECS::TaskDefinition")["ContainerDefinitions"]!.AsArray())!["Environment"]!.AsArray()
            .ToDictionary(e => (string)e!["Name"]!, e => e!["Value"]!.ToJsonString());

        Assert.Equal(6, (int)task["HeartbeatSeconds"]!);
        Assert.Equal(1800, (int)task["TimeoutSeconds"]!);
        Assert.Equal("\"1\"", environment["BATCHKIT_HEARTBEAT_SECONDS"]);
        Assert.Equal("\"0.5\"", environment["BATCHKIT_SIMULATED_DELAY_SECONDS"]);
        Assert.Contains("AWS_REGION", environment.Keys);
        // Only the heartbeat differs from the file: the rest of the definition is sales-batch.asl.json as written.
        definition["States"]!["Stores"]!["ItemProcessor"]!["States"]!["AggregateStore"]!["HeartbeatSeconds"] = WorkflowDefinition.WorkerHeartbeatSeconds;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WorkflowDefinition.Template), definition));
    }
}
