using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Synthesis;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;
using BatchKit.Testing;

namespace BatchKit.CloudFormation.Tests;

/// <summary>
/// The real BatchKit stack, synthesized by the pinned CDK CLI exactly as `make up` synthesizes it (through
/// <see cref="CdkSynthesizer"/>, so it is reused while its inputs are unchanged), with a stand-in bootstrap as the
/// function code asset (these tests never invoke it). Shared by every test class of the collection.
/// </summary>
public sealed class SynthesizedBatchKit : IAsyncLifetime
{
    public CloudAssembly Assembly { get; private set; } = null!;

    public JsonObject Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var stub = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, ".batchkit", "test-lambda", "cloudformation")).FullName;
        var bootstrap = Path.Combine(stub, "bootstrap");
        if (!File.Exists(bootstrap))
        {
            await File.WriteAllTextAsync(bootstrap, "#!/bin/sh\n# stands in for the published upload handler: these tests never invoke it\nexit 1\n");
        }

        var request = new SynthesisRequest(
            Path.Combine(RepositoryPaths.Root, ".batchkit", "test-synth", "cloudformation"),
            new Dictionary<string, string> { [CdkContextKeys.LambdaAssetDir] = stub },
            [stub]);
        Assembly = await new CdkSynthesizer(RepositoryPaths.Root).SynthesizeAsync(request);
        Template = JsonNode.Parse(Assembly.ReadTemplate())!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public IEnumerable<KeyValuePair<string, JsonObject>> Resources(string type) =>
        Template["Resources"]!.AsObject().Where(r => (string?)r.Value!["Type"] == type).Select(r => KeyValuePair.Create(r.Key, r.Value!.AsObject()));
}

[CollectionDefinition(Name)]
public sealed class SynthesizedBatchKitCollection : ICollectionFixture<SynthesizedBatchKit>
{
    public const string Name = "synthesized BatchKit stack";
}
