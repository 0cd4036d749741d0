using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Synthesis;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;

namespace BatchKit.CloudFormation.Tests;

/// <summary>
/// The real BatchKit stack, synthesized by the pinned CDK CLI exactly as `make up` synthesizes it (through
/// <see cref="CdkSynthesizer"/>, so it is reused while its inputs are unchanged), with a stand-in bootstrap as the
/// function code asset (these tests never invoke it). Shared by every test class of the collection.
/// </summary>
public sealed class SynthesizedBatchKit : IAsyncLifetime
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public CloudAssembly Assembly { get; private set; } = null!;

    public JsonObject Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var stub = Directory.CreateDirectory(Path.Combine(RepositoryRoot, ".batchkit", "test-lambda", "cloudformation")).FullName;
        var bootstrap = Path.Combine(stub, "bootstrap");
        if (!File.Exists(bootstrap))
        {
            await File.WriteAllTextAsync(bootstrap, "#!/bin/sh\n# stands in for the published upload handler: these tests never invoke it\nexit 1\n");
        }

        var request = new SynthesisRequest(
            Path.Combine(RepositoryRoot, ".batchkit", "test-synth", "cloudformation"),
            new Dictionary<string, string> { [CdkContextKeys.LambdaAssetDir] = stub },
            [stub]);
        Assembly = await new CdkSynthesizer(RepositoryRoot).SynthesizeAsync(request);
        Template = JsonNode.Parse(Assembly.ReadTemplate())!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public IEnumerable<KeyValuePair<string, JsonObject>> Resources(string type) =>
        Template["Resources"]!.AsObject().Where(r => (string?)r.Value!["Type"] == type).Select(r => KeyValuePair.Create(r.Key, r.Value!.AsObject()));

    private static string FindRepositoryRoot()
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

[CollectionDefinition(Name)]
public sealed class SynthesizedBatchKitCollection : ICollectionFixture<SynthesizedBatchKit>
{
    public const string Name = "synthesized BatchKit stack";
}
