namespace BatchKit.CloudFormation.Deploy;

/// <summary>Where a template is deployed and the local values it needs that AWS would have held.</summary>
public sealed record DeploymentSettings
{
    /// <summary>The AWS-compatible endpoint: the embedded emulator, or LocalStack.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Where the stack's state (stack.json), outputs.json and deploy-report.json are kept (.batchkit/ for make up).</summary>
    public required string StateDirectory { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>The endpoint's account (the emulator's and LocalStack's default).</summary>
    public string AccountId { get; init; } = "000000000000";

    /// <summary>Values for the template's parameters (others take their Default).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Secret values by secret id, for <c>{{resolve:secretsmanager:id...}}</c> dynamic references (there is no Secrets
    /// Manager locally): e.g. the Slack webhook secret is the stub's URL.
    /// </summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The local image for each Docker image asset, by the Dockerfile the asset is built from (as the assets manifest
    /// names it, e.g. src/BatchKit.Worker/Dockerfile → batchkit/worker:0.1.0, the tag `make images` gives it): the image the emulator runs tasks of.
    /// </summary>
    public IReadOnlyDictionary<string, string> LocalImages { get; init; } = new Dictionary<string, string>();
}
