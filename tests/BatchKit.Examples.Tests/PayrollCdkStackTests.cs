using System.Text.Json.Nodes;
using Amazon.CDK;
using Payroll;
using Payroll.Infrastructure;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The payroll example's CDK stack, synthesized offline (jsii on the machine's Node; no AWS account): the definition is
/// payroll.asl.json as written with one substitution per placeholder, every Handler has its function, and the bucket
/// is versioned, has lifecycle rules and invokes the trigger for timesheets/*.csv only.
/// </summary>
[Collection(CdkSynthesisCollection.Name)]
public sealed class PayrollCdkStackTests(PayrollCdkSynthesis synthesis) : IClassFixture<PayrollCdkSynthesis>
{
    private readonly JsonObject _template = synthesis.Template;

    [Fact]
    public void The_state_machine_runs_payroll_asl_json_with_each_placeholder_filled_by_its_functions_ARN()
    {
        var properties = Assert.Single(Resources("AWS::StepFunctions::StateMachine"))["Properties"]!;
        Assert.Equal(PayrollDefinition.Template, properties["DefinitionString"]!.GetValue<string>());
        var substitutions = properties["DefinitionSubstitutions"]!.AsObject();
        Assert.Equal(PayrollDefinition.PlaceholderHandlers.Keys.Order(StringComparer.Ordinal), substitutions.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (placeholder, handler) in PayrollDefinition.PlaceholderHandlers)
        {
            var logicalId = substitutions[placeholder]!["Fn::GetAtt"]![0]!.GetValue<string>();
            Assert.Equal(PayrollHandlers.FunctionName(handler), _template["Resources"]![logicalId]!["Properties"]!["FunctionName"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Every_handler_has_a_provided_al2023_function_and_the_trigger_knows_the_state_machine()
    {
        var functions = Resources("AWS::Lambda::Function").Where(f => f["Properties"]!["Runtime"]?.GetValue<string>() == "provided.al2023").ToList();

        var handlers = functions.Select(f => f["Properties"]!["Handler"]!.GetValue<string>());
        Assert.Equal(PayrollHandlers.All.Order(StringComparer.Ordinal), handlers.Order(StringComparer.Ordinal));
        var trigger = functions.Single(f => f["Properties"]!["Handler"]!.GetValue<string>() == PayrollHandlers.Trigger);
        Assert.NotNull(trigger["Properties"]!["Environment"]!["Variables"]![PayrollHandlers.StateMachineArnVariable]!["Ref"]);
    }

    [Fact]
    public void The_bucket_is_versioned_with_lifecycle_rules_and_notifies_the_trigger_for_timesheets_csv()
    {
        var bucket = Assert.Single(Resources("AWS::S3::Bucket"))["Properties"]!;
        Assert.Equal("Enabled", bucket["VersioningConfiguration"]!["Status"]!.GetValue<string>());
        Assert.Contains(bucket["LifecycleConfiguration"]!["Rules"]!.AsArray(), r => r!["Id"]!.GetValue<string>() == "processed");

        var notification = Assert.Single(Resources("Custom::S3BucketNotifications"))["Properties"]!["NotificationConfiguration"]!;
        var rules = notification["LambdaFunctionConfigurations"]![0]!["Filter"]!["Key"]!["FilterRules"]!.AsArray();
        Assert.Equal(
            [("prefix", PayrollKeys.Timesheets), ("suffix", ".csv")],
            rules.Select(r => (r!["Name"]!.GetValue<string>(), r["Value"]!.GetValue<string>())).Order());
    }

    private IEnumerable<JsonObject> Resources(string type) =>
        _template["Resources"]!.AsObject().Select(r => r.Value!.AsObject()).Where(r => r["Type"]!.GetValue<string>() == type);
}

/// <summary>The stack synthesized once for the class (jsii starts Node; a synthesis takes seconds).</summary>
public sealed class PayrollCdkSynthesis : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("batchkit-payroll-cdk-").FullName;

    public PayrollCdkSynthesis()
    {
        var assets = Directory.CreateDirectory(Path.Combine(_directory, "functions")).FullName;
        File.WriteAllText(Path.Combine(assets, "bootstrap"), "#!/bin/sh\n# stands in for the published payroll bootstrap\n");
        var app = new App(new AppProps { Outdir = Path.Combine(_directory, "cdk.out") });
        var stack = new PayrollCdkStack(app, "BatchKitPayroll", assets);
        var assembly = app.Synth();
        Template = JsonNode.Parse(File.ReadAllText(assembly.GetStackByName(stack.StackName).TemplateFullPath))!.AsObject();
    }

    public JsonObject Template { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
