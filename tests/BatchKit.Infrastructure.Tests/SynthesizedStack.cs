using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// The stack synthesized once for all template tests (jsii starts a Node process; one synthesis takes seconds), with
/// a stand-in Lambda asset directory and the repository as the worker image's build context.
/// </summary>
public sealed class SynthesizedStack : IDisposable
{
    private readonly string _lambda = Directory.CreateTempSubdirectory("batchkit-cdk-lambda-").FullName;
    private readonly string _output = Directory.CreateTempSubdirectory("batchkit-cdk-out-").FullName;

    public SynthesizedStack()
    {
        File.WriteAllText(Path.Combine(_lambda, "bootstrap"), "#!/bin/sh\n");
        var app = new App(new AppProps { Outdir = _output });
        var settings = new BatchKitSettings { LambdaAssetDirectory = _lambda, RepositoryRoot = RepositoryRoot() };
        var stack = new BatchKitStack(app, "BatchKit", settings);
        Template = Template.FromStack(stack);
        var assembly = app.Synth();
        Json = JsonNode.Parse(File.ReadAllText(assembly.GetStackArtifact("BatchKit").TemplateFullPath))!.AsObject();
        Text = Json.ToJsonString();
    }

    public Template Template { get; }

    /// <summary>The CloudFormation template as written to cdk.out.</summary>
    public JsonObject Json { get; }

    public string Text { get; }

    public IEnumerable<(string Id, JsonObject Resource)> Resources(string type) =>
        Json["Resources"]!.AsObject().Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!.AsObject()));

    public JsonObject Single(string type) => Assert.Single(Resources(type)).Resource;

    public void Dispose()
    {
        Directory.Delete(_lambda, recursive: true);
        Directory.Delete(_output, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("BatchKit.sln not found above " + AppContext.BaseDirectory);
    }
}
