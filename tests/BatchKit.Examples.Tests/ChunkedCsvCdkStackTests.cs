using System.Text.Json.Nodes;
using Amazon.CDK;
using ChunkedCsv.Batch;
using ChunkedCsv.Infrastructure;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The chunked-CSV example's CDK stack, synthesized offline (jsii on the machine's Node; no AWS account): both state
/// machines run their ASL file as written with one substitution per placeholder, the main one may start and follow the
/// chunk one, every Handler has its function, the tables have the keys the workflows use, and uploads under input/
/// invoke the trigger.
/// </summary>
[Collection(CdkSynthesisCollection.Name)]
public sealed class ChunkedCsvCdkStackTests(ChunkedCsvCdkSynthesis synthesis) : IClassFixture<ChunkedCsvCdkSynthesis>
{
    private readonly JsonObject _template = synthesis.Template;

    [Fact]
    public void Both_state_machines_run_their_definition_with_each_placeholder_filled_by_what_it_names()
    {
        var machines = Resources("AWS::StepFunctions::StateMachine").Select(m => m["Properties"]!).ToList();
        var main = machines.Single(m => m["StateMachineName"]!.GetValue<string>() == ChunkedCsvNames.MainStateMachine);
        var chunk = machines.Single(m => m["StateMachineName"]!.GetValue<string>() == ChunkedCsvNames.ChunkStateMachine);

        Assert.Equal(ChunkedCsvDefinitions.Main, main["DefinitionString"]!.GetValue<string>());
        Assert.Equal(ChunkedCsvDefinitions.Chunk, chunk["DefinitionString"]!.GetValue<string>());
        AssertFunctions(main["DefinitionSubstitutions"]!.AsObject(), ChunkedCsvDefinitions.MainFunctions);
        AssertFunctions(chunk["DefinitionSubstitutions"]!.AsObject(), ChunkedCsvDefinitions.ChunkFunctions);
        var chunkLogicalId = LogicalId(m => m["Properties"]?["StateMachineName"]?.GetValue<string>() == ChunkedCsvNames.ChunkStateMachine);
        Assert.Equal(chunkLogicalId, main["DefinitionSubstitutions"]![ChunkedCsvDefinitions.ChunkStateMachinePlaceholder]!["Ref"]!.GetValue<string>());
        foreach (var (placeholder, table) in ChunkedCsvDefinitions.ChunkTables)
        {
            var tableId = chunk["DefinitionSubstitutions"]![placeholder]!["Ref"]!.GetValue<string>();
            Assert.Equal(table, _template["Resources"]![tableId]!["Properties"]!["TableName"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_main_machine_may_start_describe_and_stop_chunk_executions_and_manage_the_sync_rule()
    {
        var actions = Resources("AWS::IAM::Policy")
            .SelectMany(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .SelectMany(s => s!["Action"] is JsonArray many ? many.Select(a => a!.GetValue<string>()) : [s["Action"]!.GetValue<string>()])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(["states:StartExecution", "states:DescribeExecution", "states:StopExecution", "events:PutTargets", "events:PutRule",
                "events:DescribeRule", "ses:SendEmail", "dynamodb:PutItem", "dynamodb:GetItem"], StringComparer.Ordinal),
            actions);
    }

    [Fact]
    public void Every_handler_has_a_function_the_tables_have_the_workflows_keys_and_input_csv_uploads_invoke_the_trigger()
    {
        var handlers = Resources("AWS::Lambda::Function").Where(f => f["Properties"]!["Runtime"]?.GetValue<string>() == "provided.al2023")
            .Select(f => f["Properties"]!["Handler"]!.GetValue<string>());
        Assert.Equal(ChunkedCsvNames.Handlers.Order(StringComparer.Ordinal), handlers.Order(StringComparer.Ordinal));
        var keys = Resources("AWS::DynamoDB::Table").ToDictionary(
            t => t["Properties"]!["TableName"]!.GetValue<string>(),
            t => string.Join(",", t["Properties"]!["KeySchema"]!.AsArray().Select(k => $"{k!["AttributeName"]}:{k["KeyType"]}")));
        Assert.Equal("product_id:HASH", keys[ChunkedCsvNames.PricesTable]);
        Assert.Equal("run:HASH,line:RANGE", keys[ChunkedCsvNames.ErrorsTable]);
        Assert.Single(Resources("AWS::SES::EmailIdentity"));

        var bucket = Assert.Single(Resources("AWS::S3::Bucket"))["Properties"]!;
        Assert.Equal("Enabled", bucket["VersioningConfiguration"]!["Status"]!.GetValue<string>());
        Assert.Contains(bucket["LifecycleConfiguration"]!["Rules"]!.AsArray(), r => r!["Prefix"]?.GetValue<string>() == ChunkedCsvNames.Work);
        var notification = Assert.Single(Resources("Custom::S3BucketNotifications"))["Properties"]!["NotificationConfiguration"]!;
        var rules = notification["LambdaFunctionConfigurations"]![0]!["Filter"]!["Key"]!["FilterRules"]!.AsArray();
        Assert.Equal(
            [("prefix", ChunkedCsvNames.Input), ("suffix", ".csv")],
            rules.Select(r => (r!["Name"]!.GetValue<string>(), r["Value"]!.GetValue<string>())).Order());
    }

    private void AssertFunctions(JsonObject substitutions, IReadOnlyDictionary<string, string> placeholders)
    {
        foreach (var (placeholder, handler) in placeholders)
        {
            var logicalId = substitutions[placeholder]!["Fn::GetAtt"]![0]!.GetValue<string>();
            Assert.Equal(ChunkedCsvNames.FunctionName(handler), _template["Resources"]![logicalId]!["Properties"]!["FunctionName"]!.GetValue<string>());
        }
    }

    private string LogicalId(Func<JsonObject, bool> match) => _template["Resources"]!.AsObject().Single(r => match(r.Value!.AsObject())).Key;

    private IEnumerable<JsonObject> Resources(string type) =>
        _template["Resources"]!.AsObject().Select(r => r.Value!.AsObject()).Where(r => r["Type"]!.GetValue<string>() == type);
}

/// <summary>The stack synthesized once for the class (jsii starts Node; a synthesis takes seconds).</summary>
public sealed class ChunkedCsvCdkSynthesis : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("batchkit-chunked-csv-cdk-").FullName;

    public ChunkedCsvCdkSynthesis()
    {
        var assets = Directory.CreateDirectory(Path.Combine(_directory, "functions")).FullName;
        File.WriteAllText(Path.Combine(assets, "bootstrap"), "#!/bin/sh\n# stands in for the published chunked-csv bootstrap\n");
        var app = new App(new AppProps { Outdir = Path.Combine(_directory, "cdk.out") });
        var stack = new ChunkedCsvCdkStack(app, "BatchKitChunkedCsv", new ChunkedCsvCdkSettings(assets, "batches@example.com", "you@example.com", "100"));
        var assembly = app.Synth();
        Template = JsonNode.Parse(File.ReadAllText(assembly.GetStackByName(stack.StackName).TemplateFullPath))!.AsObject();
    }

    public JsonObject Template { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
