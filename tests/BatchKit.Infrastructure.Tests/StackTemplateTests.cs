using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using BatchKit.Workflow;

namespace BatchKit.Infrastructure.Tests;

/// <summary>Every resource of the stack and its key properties, read from the synthesized template.</summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class StackTemplateTests(SynthesizedStack stack)
{
    [Fact]
    public void The_state_machine_is_sales_batch_asl_json_with_exactly_its_placeholders_substituted()
    {
        var machine = stack.Single("AWS::StepFunctions::StateMachine")["Properties"]!;
        Assert.Equal("sales-batch", machine["StateMachineName"]!.GetValue<string>());
        Assert.Equal(WorkflowDefinition.Template, machine["DefinitionString"]!.GetValue<string>());
        var substitutions = machine["DefinitionSubstitutions"]!.AsObject();
        Assert.Equal(WorkflowDefinition.Placeholders.Keys.Order(StringComparer.Ordinal), substitutions.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal("{{resolve:secretsmanager:batchkit/slack-webhook}}", substitutions["SlackWebhookUrl"]!.GetValue<string>());
        Assert.Equal("worker", substitutions["ContainerName"]!.GetValue<string>());
        Assert.Equal("ENABLED", substitutions["AssignPublicIp"]!.GetValue<string>());
        Assert.Equal("STANDARD", machine["StateMachineType"]!.GetValue<string>());
        Assert.Equal("ERROR", machine["LoggingConfiguration"]!["Level"]!.GetValue<string>());
    }

    [Fact]
    public void The_Slack_webhook_is_never_in_the_template_in_clear()
    {
        Assert.DoesNotContain("hooks.slack.com", stack.Text, StringComparison.OrdinalIgnoreCase);
        var connection = stack.Single("AWS::Events::Connection")["Properties"]!;
        Assert.Equal("API_KEY", connection["AuthorizationType"]!.GetValue<string>());
    }

    [Fact]
    public void The_bucket_is_private_encrypted_TLS_only_expiring_and_notifies_the_upload_Lambda_of_zips()
    {
        stack.Template.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
            },
        });
        var bucket = stack.Single("AWS::S3::Bucket");
        var properties = bucket["Properties"]!;
        Assert.Equal("AES256", properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>());
        var rules = properties["LifecycleConfiguration"]!["Rules"]!.AsArray();
        Assert.Contains(rules, r => r!["Prefix"]?.GetValue<string>() == "processed/" && r["ExpirationInDays"]!.GetValue<int>() == 30);
        Assert.Contains(rules, r => r!["Prefix"]?.GetValue<string>() == "reports/");

        var lambda = Assert.Single(properties["NotificationConfiguration"]!["LambdaConfigurations"]!.AsArray())!;
        Assert.Equal("s3:ObjectCreated:*", lambda["Event"]!.GetValue<string>());
        var filter = lambda["Filter"]!["S3Key"]!["Rules"]!.AsArray().ToDictionary(r => r!["Name"]!.GetValue<string>(), r => r!["Value"]!.GetValue<string>());
        Assert.Equal("uploads/", filter["prefix"]);
        Assert.Equal(".zip", filter["suffix"]);
        var (permissionId, permission) = Assert.Single(stack.Resources("AWS::Lambda::Permission"));
        Assert.Equal("s3.amazonaws.com", permission["Properties"]!["Principal"]!.GetValue<string>());
        Assert.Contains(permissionId, bucket["DependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));

        var policy = stack.Single("AWS::S3::BucketPolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(policy, s => s!["Effect"]!.GetValue<string>() == "Deny" && s["Condition"]?["Bool"]?["aws:SecureTransport"]?.GetValue<string>() == "false");
    }

    [Fact]
    public void The_Lambda_binary_runs_as_two_functions_on_provided_al2023_x86_64()
    {
        var functions = stack.Resources("AWS::Lambda::Function").Select(f => f.Resource["Properties"]!).ToDictionary(p => p["Handler"]!.GetValue<string>());
        Assert.Equal(["summary", "upload"], functions.Keys.Order(StringComparer.Ordinal));
        foreach (var function in functions.Values)
        {
            Assert.Equal("provided.al2023", function["Runtime"]!.GetValue<string>());
            Assert.Equal("x86_64", function["Architectures"]![0]!.GetValue<string>());
            Assert.NotNull(function["LoggingConfig"]?["LogGroup"]);
        }

        Assert.Equal(512, functions["upload"]["MemorySize"]!.GetValue<int>());
        Assert.Equal(300, functions["upload"]["Timeout"]!.GetValue<int>());
        Assert.NotNull(functions["upload"]["DeadLetterConfig"]);
        Assert.Equal(2, stack.Single("AWS::Lambda::EventInvokeConfig")["Properties"]!["MaximumRetryAttempts"]!.GetValue<int>());
        Assert.All(stack.Resources("AWS::Logs::LogGroup"), g => Assert.NotNull(g.Resource["Properties"]?["RetentionInDays"]));
    }

    [Fact]
    public void The_worker_is_a_Fargate_task_of_a_quarter_vCPU_and_512_MiB_logging_to_CloudWatch()
    {
        var task = stack.Single("AWS::ECS::TaskDefinition")["Properties"]!;
        Assert.Equal("batchkit-worker", task["Family"]!.GetValue<string>());
        Assert.Equal("256", task["Cpu"]!.GetValue<string>());
        Assert.Equal("512", task["Memory"]!.GetValue<string>());
        Assert.Equal("awsvpc", task["NetworkMode"]!.GetValue<string>());
        Assert.Equal("FARGATE", task["RequiresCompatibilities"]![0]!.GetValue<string>());
        var container = Assert.Single(task["ContainerDefinitions"]!.AsArray())!;
        Assert.Equal("worker", container["Name"]!.GetValue<string>());
        Assert.Equal("awslogs", container["LogConfiguration"]!["LogDriver"]!.GetValue<string>());
        Assert.Equal("batchkit", stack.Single("AWS::ECS::Cluster")["Properties"]!["ClusterName"]!.GetValue<string>());
        Assert.Single(stack.Resources("AWS::EC2::VPCEndpoint"));
        Assert.Empty(stack.Resources("AWS::EC2::NatGateway")); // public subnets by default: no NAT cost
    }

    [Fact]
    public void The_parameter_the_upload_Lambda_reads_holds_the_state_machine_ARN()
    {
        var parameter = stack.Single("AWS::SSM::Parameter")["Properties"]!;
        Assert.Equal("/config/step_function_arn", parameter["Name"]!.GetValue<string>());
        Assert.NotNull(parameter["Value"]!["Ref"]);
    }
}
