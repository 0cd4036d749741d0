using System.Text.Json.Nodes;
using Amazon.CDK;
using ScheduledValidation;
using ScheduledValidation.Infrastructure;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The scheduled-validation example's CDK stack, synthesized offline (jsii on the machine's Node; no AWS account): the
/// definition is scheduled-validation.asl.json as written with one substitution per placeholder, the schedule rule
/// starts the state machine with the bucket, prefix and event time, and the custom bus's rule sends completion events
/// to the queue.
/// </summary>
[Collection(CdkSynthesisCollection.Name)]
public sealed class ScheduledValidationCdkStackTests(ScheduledValidationCdkSynthesis synthesis) : IClassFixture<ScheduledValidationCdkSynthesis>
{
    private readonly JsonObject _template = synthesis.Template;

    [Fact]
    public void The_state_machine_runs_the_asl_file_as_written_with_every_placeholder_substituted()
    {
        var properties = Assert.Single(Resources("AWS::StepFunctions::StateMachine"))["Properties"]!;
        Assert.Equal(ValidationDefinition.Template, properties["DefinitionString"]!.GetValue<string>());
        var placeholders = new BatchKit.Examples.Local.AslTemplate("asl", ValidationDefinition.Template).Placeholders;
        Assert.Equal(placeholders.Order(StringComparer.Ordinal), properties["DefinitionSubstitutions"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(ValidationNames.ContainerName, properties["DefinitionSubstitutions"]![ValidationDefinition.ContainerName]!.GetValue<string>());
    }

    [Fact]
    public void The_schedule_rule_starts_the_state_machine_with_bucket_prefix_and_the_events_time()
    {
        var rule = Resources("AWS::Events::Rule").Single(r => r["Properties"]!["ScheduleExpression"] is not null)["Properties"]!;
        Assert.Equal("rate(1 hour)", rule["ScheduleExpression"]!.GetValue<string>());
        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Equal(StateMachineLogicalId(), target["Arn"]!["Ref"]!.GetValue<string>());
        var transformer = target["InputTransformer"]!;
        Assert.Equal("$.time", transformer["InputPathsMap"]!["time"]!.GetValue<string>());
        // {"bucket":<the bucket's Ref>,"prefix":"orders","time":<time>}: the literal parts of its Fn::Join.
        var template = string.Concat(transformer["InputTemplate"]!["Fn::Join"]![1]!.AsArray().OfType<JsonValue>().Select(v => v.GetValue<string>()));
        Assert.Contains("\"prefix\":\"orders\",\"time\":<time>", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_events_of_the_example_on_the_custom_bus_go_to_the_queue()
    {
        var rule = Resources("AWS::Events::Rule").Single(r => r["Properties"]!["EventPattern"] is not null)["Properties"]!;
        Assert.Equal(ValidationNames.EventSource, rule["EventPattern"]!["source"]![0]!.GetValue<string>());
        Assert.Equal(ValidationNames.CompletedDetailType, rule["EventPattern"]!["detail-type"]![0]!.GetValue<string>());
        Assert.NotNull(rule["EventBusName"]!["Ref"]);
        var queue = Assert.Single(Resources("AWS::SQS::Queue"));
        Assert.Equal(ValidationNames.CompletedQueue, queue["Properties"]!["QueueName"]!.GetValue<string>());
        Assert.Single(Resources("AWS::SQS::QueuePolicy")); // EventBridge may send to it
    }

    [Fact]
    public void The_worker_is_a_fargate_task_whose_image_is_built_from_the_examples_dockerfile()
    {
        var task = Assert.Single(Resources("AWS::ECS::TaskDefinition"))["Properties"]!;
        Assert.Equal(ValidationNames.WorkerFamily, task["Family"]!.GetValue<string>());
        Assert.Equal("FARGATE", task["RequiresCompatibilities"]![0]!.GetValue<string>());
        Assert.Equal(ValidationNames.ContainerName, task["ContainerDefinitions"]![0]!["Name"]!.GetValue<string>());
        Assert.Contains(ScheduledValidationSettings.WorkerDockerfile, synthesis.AssetsManifest, StringComparison.Ordinal);
    }

    private string StateMachineLogicalId() => _template["Resources"]!.AsObject().Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::StepFunctions::StateMachine").Key;

    private IEnumerable<JsonObject> Resources(string type) =>
        _template["Resources"]!.AsObject().Select(r => r.Value!.AsObject()).Where(r => r["Type"]!.GetValue<string>() == type);
}

/// <summary>The stack synthesized once for the class (jsii starts Node; a synthesis takes seconds).</summary>
public sealed class ScheduledValidationCdkSynthesis : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("batchkit-scheduled-validation-cdk-").FullName;

    public ScheduledValidationCdkSynthesis()
    {
        var assets = Directory.CreateDirectory(Path.Combine(_directory, "functions")).FullName;
        File.WriteAllText(Path.Combine(assets, "bootstrap"), "#!/bin/sh\n# stands in for the published bootstrap\n");
        var app = new App(new AppProps { Outdir = Path.Combine(_directory, "cdk.out") });
        var settings = new ScheduledValidationSettings(assets, RepositoryPaths.Root, ScheduledValidationSettings.DefaultPrefix, ScheduledValidationSettings.DefaultSchedule);
        var stack = new ScheduledValidationCdkStack(app, "BatchKitScheduledValidation", settings);
        var assembly = app.Synth();
        var artifact = assembly.GetStackByName(stack.StackName);
        Template = JsonNode.Parse(File.ReadAllText(artifact.TemplateFullPath))!.AsObject();
        AssetsManifest = string.Join("\n", Directory.GetFiles(assembly.Directory, "*.assets.json").Select(File.ReadAllText));
    }

    public JsonObject Template { get; }

    /// <summary>The synthesized asset manifests (the Docker image asset names its Dockerfile there).</summary>
    public string AssetsManifest { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
