using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Synthesis;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;

namespace BatchKit.Deployment;

/// <summary>
/// The pipeline deployed locally from its one description: the CDK app synthesized with the pinned CDK CLI (reused
/// while its inputs are unchanged), then the template deployed into the emulator or LocalStack by the template
/// deployer, with the local values AWS would have held: the Slack webhook secret is the stub's URL, and the worker's
/// image asset is the image the emulator maps to the published worker. `batchkit up`, the end-to-end suite and the
/// pipeline benchmark all deploy this way.
/// </summary>
public sealed record LocalDeployment
{
    /// <summary>The Secrets Manager secret the stack's Slack connection reads (the CDK app's default slackWebhookSecretName).</summary>
    public const string SlackWebhookSecretName = "batchkit/slack-webhook";

    /// <summary>The worker image asset's Dockerfile, as the assets manifest names it.</summary>
    public const string WorkerDockerfile = "src/BatchKit.Worker/Dockerfile";

    /// <summary>
    /// The worker image `make images` builds from src/BatchKit.Worker/Dockerfile, tagged with BatchKit's version; the
    /// emulator runs it as a container (--ecs-runtime container) or maps it to the published binary (process).
    /// </summary>
    public static readonly string LocalWorkerImage = "batchkit/worker:" + typeof(LocalDeployment).Assembly.GetName().Version!.ToString(3);

    public required string RepositoryRoot { get; init; }

    /// <summary>The emulator's (or LocalStack's) endpoint.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Where stack.json, outputs.json and deploy-report.json go (.batchkit/ for make up).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The Slack webhook as the workflow calls it (from where Step Functions runs: the emulator's host, or LocalStack's network).</summary>
    public required Uri SlackWebhookUrl { get; init; }

    /// <summary>The upload handler's published directory (its bootstrap): the function code asset. Default artifacts/functions.</summary>
    public string? LambdaAssetDirectory { get; init; }

    /// <summary>Where the cloud assembly goes. Default cdk.out, as make synth writes it.</summary>
    public string? CloudAssemblyDirectory { get; init; }

    /// <summary>The image the worker's image asset deploys as: the emulator runs it (--ecs-runtime container) or maps it (--ecs-image).</summary>
    public string WorkerImage { get; init; } = LocalWorkerImage;

    /// <summary>More CDK context (<see cref="CdkContextKeys"/>): the worker's heartbeat, extra worker environment.</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();

    public string OutputsFile => Path.Combine(StateDirectory, StackOutputsFile.FileName);

    public async Task<DeployResult> DeployAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var assets = Path.GetFullPath(LambdaAssetDirectory ?? Path.Combine(RepositoryRoot, "artifacts", "functions"));
        var context = new Dictionary<string, string>(Context) { [CdkContextKeys.LambdaAssetDir] = assets };
        var assembly = await new CdkSynthesizer(RepositoryRoot, progress)
            .SynthesizeAsync(new SynthesisRequest(CloudAssemblyDirectory ?? Path.Combine(RepositoryRoot, "cdk.out"), context, [assets]), cancellationToken)
            .ConfigureAwait(false);
        var settings = new DeploymentSettings
        {
            Endpoint = Endpoint,
            StateDirectory = StateDirectory,
            Secrets = new Dictionary<string, string> { [SlackWebhookSecretName] = SlackWebhookUrl.ToString() },
            LocalImages = new Dictionary<string, string> { [WorkerDockerfile] = WorkerImage },
        };
        return await new TemplateDeployer(settings, progress).DeployAsync(assembly, cancellationToken).ConfigureAwait(false);
    }
}
