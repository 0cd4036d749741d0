using System.Text.Json.Nodes;
using Amazon.CDK;
using LongJob.Infrastructure;
using LongJob.Jobs;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The long-running-job example's CDK stack, synthesized offline (jsii on the machine's Node; no AWS account, no Docker:
/// the worker image is an asset built at deploy time): the submit function knows the table, cluster, task definition
/// and subnets and may run only that task; the task gets the table and sender; the bucket is versioned with lifecycle
/// rules and notifies the function for requests/*.json only.
/// </summary>
[Collection(CdkSynthesisCollection.Name)]
public sealed class LongJobCdkStackTests(LongJobCdkSynthesis synthesis) : IClassFixture<LongJobCdkSynthesis>
{
    private readonly JsonObject _template = synthesis.Template;

    [Fact]
    public void The_submit_function_knows_what_to_start_and_may_run_only_that_task_definition()
    {
        var functions = Resources("AWS::Lambda::Function");
        var function = Assert.Single(functions, f => f["Properties"]!["Runtime"]?.GetValue<string>() == "provided.al2023")["Properties"]!;
        Assert.Equal(LongJobNames.SubmitHandler, function["Handler"]!.GetValue<string>());
        var variables = function["Environment"]!["Variables"]!.AsObject();
        Assert.Equal(LongJobNames.Table, variables[LongJobNames.TableVariable]!.GetValue<string>());
        var taskDefinition = LogicalId("AWS::ECS::TaskDefinition");
        Assert.Equal(taskDefinition, variables[LongJobNames.TaskDefinitionVariable]!["Ref"]!.GetValue<string>());
        Assert.Equal(LogicalId("AWS::ECS::Cluster"), variables[LongJobNames.ClusterVariable]!["Fn::GetAtt"]![0]!.GetValue<string>());
        Assert.NotNull(variables[LongJobNames.SubnetsVariable]!["Fn::Join"]);

        var statements = Resources("AWS::IAM::Policy").SelectMany(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()).ToList();
        var runTask = Assert.Single(statements, s => s!["Action"]?.ToJsonString() == "\"ecs:RunTask\"")!;
        Assert.Equal(taskDefinition, runTask["Resource"]!["Ref"]!.GetValue<string>());
    }

    [Fact]
    public void The_archive_task_is_Fargate_with_the_table_and_sender_in_its_container_environment()
    {
        var task = Assert.Single(Resources("AWS::ECS::TaskDefinition"))["Properties"]!;
        Assert.Equal(LongJobNames.TaskFamily, task["Family"]!.GetValue<string>());
        Assert.Equal(["FARGATE"], task["RequiresCompatibilities"]!.AsArray().Select(c => c!.GetValue<string>()));
        var container = Assert.Single(task["ContainerDefinitions"]!.AsArray())!;
        Assert.Equal(LongJobNames.Container, container["Name"]!.GetValue<string>());
        var environment = container["Environment"]!.AsArray().ToDictionary(e => e!["Name"]!.GetValue<string>(), e => e!["Value"]!.GetValue<string>());
        Assert.Equal(LongJobNames.Table, environment[LongJobNames.TableVariable]);
        Assert.Equal("jobs@example.com", environment[LongJobNames.SenderVariable]);
        Assert.Equal("jobs@example.com", Assert.Single(Resources("AWS::SES::EmailIdentity"))["Properties"]!["EmailIdentity"]!.GetValue<string>());
    }

    [Fact]
    public void The_bucket_is_versioned_with_lifecycle_rules_and_the_table_is_keyed_by_request_id()
    {
        var bucket = Assert.Single(Resources("AWS::S3::Bucket"))["Properties"]!;
        Assert.Equal("Enabled", bucket["VersioningConfiguration"]!["Status"]!.GetValue<string>());
        var archives = Assert.Single(bucket["LifecycleConfiguration"]!["Rules"]!.AsArray(), r => r!["Id"]!.GetValue<string>() == "archives")!;
        Assert.Equal(LongJobNames.Archives, archives["Prefix"]!.GetValue<string>());
        var table = Assert.Single(Resources("AWS::DynamoDB::Table"))["Properties"]!;
        Assert.Equal("requestId", Assert.Single(table["KeySchema"]!.AsArray())!["AttributeName"]!.GetValue<string>());

        var notification = Assert.Single(Resources("Custom::S3BucketNotifications"))["Properties"]!["NotificationConfiguration"]!;
        var rules = notification["LambdaFunctionConfigurations"]![0]!["Filter"]!["Key"]!["FilterRules"]!.AsArray();
        var filter = rules.Select(r => (r!["Name"]!.GetValue<string>(), r["Value"]!.GetValue<string>())).Order();
        Assert.Equal([("prefix", LongJobNames.Requests), ("suffix", ".json")], filter);
    }

    private string LogicalId(string type) => Assert.Single(_template["Resources"]!.AsObject(), r => r.Value!["Type"]!.GetValue<string>() == type).Key;

    private IEnumerable<JsonObject> Resources(string type) =>
        _template["Resources"]!.AsObject().Select(r => r.Value!.AsObject()).Where(r => r["Type"]!.GetValue<string>() == type);
}

/// <summary>The stack synthesized once for the class (jsii starts Node; a synthesis takes seconds).</summary>
public sealed class LongJobCdkSynthesis : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("batchkit-long-job-cdk-").FullName;

    public LongJobCdkSynthesis()
    {
        var functions = Directory.CreateDirectory(Path.Combine(_directory, "functions")).FullName;
        File.WriteAllText(Path.Combine(functions, "bootstrap"), "#!/bin/sh\n# stands in for the published bootstrap\n");
        var worker = Directory.CreateDirectory(Path.Combine(_directory, "worker")).FullName;
        File.WriteAllText(Path.Combine(worker, "Dockerfile"), "FROM scratch\n# stands in for the published worker's Dockerfile\n");
        var app = new App(new AppProps { Outdir = Path.Combine(_directory, "cdk.out") });
        var stack = new LongJobCdkStack(app, "BatchKitLongRunningJob", functions, worker, "jobs@example.com");
        var assembly = app.Synth();
        Template = JsonNode.Parse(File.ReadAllText(assembly.GetStackByName(stack.StackName).TemplateFullPath))!.AsObject();
    }

    public JsonObject Template { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
