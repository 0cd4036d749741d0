using System.Text.Json.Nodes;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using BatchKit.CloudFormation.Deploy;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;
using BatchKit.Workflow;

namespace BatchKit.CloudFormation.Tests;

/// <summary>
/// Drift is impossible by construction (issue 14): the real synthesized template deployed into the emulator, then every
/// value that decides how the pipeline runs read back from the emulator's own APIs and compared with the template's.
/// </summary>
[Collection(SynthesizedBatchKitCollection.Name)]
public sealed class DriftTests(SynthesizedBatchKit synthesized) : EmulatorStack
{
    private const string Webhook = "http://127.0.0.1:9/services/T/B/X";

    [Fact]
    public async Task Each_function_runs_with_the_templates_handler_runtime_timeout_memory_and_environment()
    {
        var result = await new TemplateDeployer(Settings()).DeployAsync(synthesized.Assembly);

        var functions = synthesized.Resources("AWS::Lambda::Function").ToList();
        Assert.Equal(2, functions.Count);
        foreach (var (logicalId, resource) in functions)
        {
            var template = resource["Properties"]!;
            var deployed = (await Lambda.GetFunctionConfigurationAsync(PhysicalId(result, logicalId)))!;
            Assert.Equal((string?)template["Handler"], (string?)deployed["Handler"]);
            Assert.Equal((string?)template["Runtime"], (string?)deployed["Runtime"]);
            Assert.Equal((int)template["Timeout"]!, (int)deployed["Timeout"]!);
            Assert.Equal((int)template["MemorySize"]!, (int)deployed["MemorySize"]!);
            var expected = template["Environment"]?["Variables"] ?? new JsonObject();
            var actual = deployed["Environment"]?["Variables"] ?? new JsonObject();
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{logicalId}: environment {actual.ToJsonString()}, the template's {expected.ToJsonString()}");
        }

        var upload = (await Lambda.GetFunctionConfigurationAsync(result.Outputs[StackOutputNames.UploadFunctionName]))!;
        Assert.Equal(("upload", 900, 1024), ((string)upload["Handler"]!, (int)upload["Timeout"]!, (int)upload["MemorySize"]!)); // what the issue found drifted
    }

    [Fact]
    public async Task The_state_machine_runs_the_templates_definition_with_its_substitutions_made()
    {
        var result = await new TemplateDeployer(Settings()).DeployAsync(synthesized.Assembly);
        var machine = synthesized.Resources("AWS::StepFunctions::StateMachine").Single().Value["Properties"]!;
        var outputs = result.Outputs;
        var summary = (string)(await Lambda.GetFunctionConfigurationAsync(outputs[StackOutputNames.SummaryFunctionName]))!["FunctionArn"]!;
        var subnets = machine["DefinitionSubstitutions"]!["Subnets"]!["Fn::Join"]![1]!.AsArray().Select(s => PhysicalId(result, (string)s!["Ref"]!));
        var values = new Dictionary<string, string>
        {
            ["SlackWebhookUrl"] = Webhook,
            ["SlackConnectionArn"] = outputs[StackOutputNames.SlackConnectionArn],
            ["ClusterArn"] = outputs[StackOutputNames.ClusterArn],
            ["TaskDefinitionArn"] = outputs[StackOutputNames.TaskDefinitionArn],
            ["ContainerName"] = (string)machine["DefinitionSubstitutions"]!["ContainerName"]!,
            ["Subnets"] = string.Join(",", subnets),
            ["SecurityGroups"] = PhysicalId(result, (string)machine["DefinitionSubstitutions"]!["SecurityGroups"]!["Fn::GetAtt"]![0]!),
            ["AssignPublicIp"] = (string)machine["DefinitionSubstitutions"]!["AssignPublicIp"]!,
            ["ResultsBucket"] = outputs[StackOutputNames.BucketName],
            ["SummaryFunctionArn"] = summary,
        };
        var expected = (string)machine["DefinitionString"]!;
        foreach (var (key, value) in values)
        {
            expected = expected.Replace("${" + key + "}", value, StringComparison.Ordinal);
        }

        var deployed = (await StepFunctions.DescribeStateMachineAsync(outputs[StackOutputNames.StateMachineArn]))!;

        Assert.Equal(expected, deployed.Definition);
        Assert.Equal(WorkflowDefinition.Substitute(values), deployed.Definition); // sales-batch.asl.json, as BatchKit substitutes it
        Assert.DoesNotMatch(@"\$\{[A-Za-z0-9]+\}", deployed.Definition);
        Assert.Equal(outputs[StackOutputNames.StateMachineArn], await ParameterAsync(ParameterNames.StepFunctionArn));
        Assert.Equal((string)machine["StateMachineName"]!, deployed.Name);
    }

    [Fact]
    public async Task The_task_definition_has_the_templates_cpu_memory_environment_and_the_local_image_of_its_asset()
    {
        var result = await new TemplateDeployer(Settings()).DeployAsync(synthesized.Assembly);
        var template = synthesized.Resources("AWS::ECS::TaskDefinition").Single().Value["Properties"]!;
        var container = Assert.Single(template["ContainerDefinitions"]!.AsArray())!;
        var imageAsset = Assert.Single(synthesized.Assembly.Images);

        var deployed = await Ecs.DescribeTaskDefinitionAsync(result.Outputs[StackOutputNames.TaskDefinitionArn]);

        Assert.Equal(((string?)template["Cpu"], (string?)template["Memory"]), (deployed.Cpu, deployed.Memory));
        Assert.Equal((string?)template["Family"], deployed.Family);
        var deployedContainer = Assert.Single(deployed.ContainerDefinitions);
        Assert.Equal((string?)container["Name"], deployedContainer.Name);
        Assert.Equal("src/BatchKit.Worker/Dockerfile", imageAsset.DockerFile);
        Assert.Contains(":" + imageAsset.ImageTag, container["Image"]!["Fn::Sub"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("batchkit/worker:0.1.0", deployedContainer.Image);
        var environment = container["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => TemplateValue(e!["Value"]!));
        Assert.Equal(environment, deployedContainer.Environment!.ToDictionary(e => e.Name, e => e.Value));
    }

    [Fact]
    public async Task The_bucket_is_versioned_has_its_lifecycle_rules_notifies_the_upload_function_and_the_rest_is_recorded()
    {
        var result = await new TemplateDeployer(Settings()).DeployAsync(synthesized.Assembly);
        using var s3 = new AmazonS3Client(
            new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = Emulator.ServiceUrl.ToString(), ForcePathStyle = true });

        var notification = Assert.Single((await s3.GetBucketNotificationAsync(result.Outputs[StackOutputNames.BucketName])).LambdaFunctionConfigurations);

        var upload = (await Lambda.GetFunctionConfigurationAsync(result.Outputs[StackOutputNames.UploadFunctionName]))!;
        Assert.Equal((string)upload["FunctionArn"]!, notification.FunctionArn);
        var rules = notification.Filter.S3KeyFilter.FilterRules.Select(r => $"{r.Name.ToLowerInvariant()}={r.Value}").Order();
        Assert.Equal(["prefix=uploads/", "suffix=.zip"], rules);
        var accepted = result.Report.Entries.Where(e => e.Action == DeployReportEntry.Accepted).Select(e => e.Type).ToHashSet();
        string[] recorded =
            ["AWS::IAM::Role", "AWS::IAM::Policy", "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup", "AWS::SQS::Queue"];
        Assert.Superset(recorded.ToHashSet(), accepted);
        Assert.DoesNotContain("AWS::Logs::LogGroup", accepted); // deployed: the function logs into the group the template gives it
        var logGroup = upload["LoggingConfig"]!["LogGroup"]!.GetValue<string>();
        using var logs = new BatchKit.Aws.Logs.LogsClient(new BatchKit.Aws.AwsClientOptions
        {
            Endpoint = Emulator.ServiceUrl, Region = "us-east-1", Credentials = new BasicAWSCredentials("test", "test"), MaxAttempts = 1,
        });
        Assert.Equal((true, (int?)30), await logs.DescribeLogGroupAsync(logGroup));
        Assert.Contains(logGroup, synthesized.Resources("AWS::Logs::LogGroup").Select(r => PhysicalId(result, r.Key)));
        var bucket = result.Outputs[StackOutputNames.BucketName];
        Assert.Equal(VersionStatus.Enabled, (await s3.GetBucketVersioningAsync(bucket)).VersioningConfig.Status);
        var lifecycle = (await s3.GetLifecycleConfigurationAsync(bucket)).Configuration.Rules;
        Assert.Equal(["incomplete-uploads", "processed", "reports"], lifecycle.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(result.Report.Entries, e => e.Type == "AWS::S3::Bucket" && e.NotEmulated.Contains("LifecycleConfiguration"));
        Assert.Contains(result.Report.NotEvaluated, n => n.StartsWith("rule CheckBootstrapVersion", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(StateDirectory, DeployReport.FileName)));
    }

    /// <summary>A worker environment value of the template: a string, or the one intrinsic CDK writes there (the region).</summary>
    private static string TemplateValue(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
        : (string?)value["Ref"] == "AWS::Region" ? "us-east-1"
        : throw new InvalidOperationException($"unexpected intrinsic in the worker environment: {value.ToJsonString()}");

    private static string PhysicalId(DeployResult result, string logicalId) => result.Report.Entries.Single(e => e.LogicalId == logicalId).PhysicalId;
}
