using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// The stack synthesized once (jsii starts node; one synth takes seconds), its CloudFormation template as both a CDK
/// assertions <see cref="Template"/> and a JSON tree, and the asset manifest.
/// </summary>
public abstract class SynthesizedStack : IDisposable
{
    private readonly string _directory;

    protected SynthesizedStack(IDictionary<string, object> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _directory = Directory.CreateTempSubdirectory("batchkit-cdk-").FullName;
        LambdaAssetDir = Path.Combine(_directory, "functions");
        Directory.CreateDirectory(LambdaAssetDir);
        File.WriteAllText(Path.Combine(LambdaAssetDir, "bootstrap"), "#!/bin/sh\n# stands in for the published upload handler\n");

        var fullContext = new Dictionary<string, object>(context)
        {
            [BatchKitSettings.LambdaAssetDirKey] = LambdaAssetDir,
            [BatchKitSettings.RepositoryRootKey] = RepositoryPaths.Root,
        };
        CloudAssemblyDir = Path.Combine(_directory, "cdk.out");
        var app = new App(new AppProps { Outdir = CloudAssemblyDir, Context = fullContext });
        Settings = BatchKitSettings.From(app.Node);
        Stack = new BatchKitStack(app, Settings);
        var assembly = app.Synth();
        var artifact = assembly.GetStackByName(Stack.StackName);
        var text = File.ReadAllText(artifact.TemplateFullPath);
        Json = JsonNode.Parse(text)!.AsObject();
        Template = Template.FromString(text);
        Assets = JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, Stack.StackName + ".assets.json")))!.AsObject();
    }

    public string LambdaAssetDir { get; }

    public string CloudAssemblyDir { get; }

    internal BatchKitSettings Settings { get; }

    internal BatchKitStack Stack { get; }

    public Template Template { get; }

    public JsonObject Json { get; }

    public JsonObject Assets { get; }

    public IEnumerable<KeyValuePair<string, JsonObject>> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => KeyValuePair.Create(r.Key, r.Value!.AsObject()));

    /// <summary>The Properties of the one resource of <paramref name="type"/>; fails if there is not exactly one.</summary>
    public JsonObject Single(string type) => Assert.Single(Resources(type)).Value["Properties"]!.AsObject();

    public string LogicalId(string type) => Assert.Single(Resources(type)).Key;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The default settings: a new VPC with public subnets, no tracing.</summary>
public sealed class DefaultStack() : SynthesizedStack(new Dictionary<string, object>());

/// <summary>
/// Private subnets with VPC endpoints, X-Ray on, a custom stack name and log retention, and the worker settings tests
/// use (a short task heartbeat, extra worker environment).
/// </summary>
public sealed class PrivateStack() : SynthesizedStack(new Dictionary<string, object>
{
    [BatchKitSettings.NetworkModeKey] = "private",
    [BatchKitSettings.TracingKey] = "true",
    [BatchKitSettings.StackNameKey] = "BatchKitPrivate",
    [BatchKitSettings.LogRetentionDaysKey] = "90",
    [BatchKitSettings.WorkerHeartbeatSecondsKey] = "6",
    [BatchKitSettings.WorkerEnvironmentKey] = "BATCHKIT_HEARTBEAT_SECONDS=1, BATCHKIT_SIMULATED_DELAY_SECONDS=0.5",
});
