using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using BatchKit.Aws;
using BatchKit.Aws.Ecs;
using BatchKit.Aws.EventBridge;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.StepFunctions;
using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Deploy;
using BatchKit.Emulator;
using BatchKit.Testing;

namespace BatchKit.CloudFormation.Tests;

/// <summary>
/// The embedded emulator in-process on a free port with its own data directory, a state directory for the deployer,
/// and the clients a test reads the deployed resources back with.
/// </summary>
public class EmulatorStack : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("batchkit-cfn-").FullName;

    public EmulatorHost Emulator { get; private set; } = null!;

    public string StateDirectory => Path.Combine(Root, "state");

    public LambdaClient Lambda { get; private set; } = null!;

    public AmazonSimpleSystemsManagementClient Ssm { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public EcsClient Ecs { get; private set; } = null!;

    public EventBridgeClient Events { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A Lambda asset runs in place from the cloud assembly it is staged into (hot reload, allowed for those folders only).
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Port = 0, DataDirectory = Path.Combine(Root, "data"), HotReloadDirectories = [Root, Path.Combine(RepositoryPaths.Root, ".batchkit", "test-synth")],
        });
        var options = new AwsClientOptions
        {
            Endpoint = Emulator.ServiceUrl, Region = "us-east-1", Credentials = new BasicAWSCredentials("test", "test"), MaxAttempts = 1,
        };
        Lambda = new LambdaClient(options);
        Ssm = LocalAws.Ssm(Emulator.ServiceUrl);
        StepFunctions = new StepFunctionsClient(options);
        Ecs = new EcsClient(options);
        Events = new EventBridgeClient(options);
    }

    public async Task DisposeAsync()
    {
        Lambda.Dispose();
        Ssm.Dispose();
        StepFunctions.Dispose();
        Ecs.Dispose();
        Events.Dispose();
        await Emulator.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    public DeploymentSettings Settings(string? stateDirectory = null) => new()
    {
        Endpoint = Emulator.ServiceUrl,
        StateDirectory = stateDirectory ?? StateDirectory,
        Secrets = new Dictionary<string, string> { ["batchkit/slack-webhook"] = "http://127.0.0.1:9/services/T/B/X" },
        LocalImages = new Dictionary<string, string> { ["src/BatchKit.Worker/Dockerfile"] = "batchkit/worker:0.1.0" },
    };

    public Task<DeployResult> DeployAsync(string assemblyDirectory, string? stateDirectory = null) =>
        new TemplateDeployer(Settings(stateDirectory)).DeployAsync(CloudAssembly.Load(assemblyDirectory));

    /// <summary>The parameter's value, or null when there is none.</summary>
    public async Task<string?> ParameterAsync(string name)
    {
        try
        {
            return (await Ssm.GetParameterAsync(new GetParameterRequest { Name = name })).Parameter.Value;
        }
        catch (ParameterNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Every function the emulator holds, by name (ListFunctions through the REST API).</summary>
    public async Task<IReadOnlyList<string>> FunctionNamesAsync()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.ServiceUrl, "/2015-03-31/functions"));
        await SignedRequests.SignAsync(request, "lambda");
        var body = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        return [.. body["Functions"]!.AsArray().Select(f => (string)f!["FunctionName"]!)];
    }
}
