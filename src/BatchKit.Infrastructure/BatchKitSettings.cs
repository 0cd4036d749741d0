using Amazon.CDK;

namespace BatchKit.Infrastructure;

/// <summary>
/// The deploy-time choices, read from CDK context (<c>cdk deploy -c key=value</c> or cdk.json), with defaults that
/// deploy without any: a new minimal VPC with public subnets (no NAT cost), the Lambda code from
/// <c>artifacts/upload-handler</c>, the Slack webhook from the Secrets Manager secret <c>batchkit/slack-webhook</c>.
/// </summary>
internal sealed record BatchKitSettings
{
    /// <summary>The published Lambda (a directory with <c>bootstrap</c>): `make artifacts` writes it.</summary>
    public string LambdaAssetDirectory { get; init; } = Path.Combine("artifacts", "upload-handler");

    /// <summary>The repository root: the worker image's build context (with .dockerignore).</summary>
    public string RepositoryRoot { get; init; } = ".";

    /// <summary>An existing VPC and its subnets for the tasks; when null, a new VPC is created.</summary>
    public string? VpcId { get; init; }

    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    /// <summary>
    /// true: tasks get public IPs in public subnets (no NAT gateway, the cheapest). false: private subnets with one
    /// NAT gateway (about 32 USD a month) and an S3 gateway endpoint.
    /// </summary>
    public bool PublicSubnets { get; init; } = true;

    /// <summary>The secret whose SecretString is the Slack incoming-webhook URL (never in the repo or the template).</summary>
    public string SlackWebhookSecretName { get; init; } = "batchkit/slack-webhook";

    public bool Versioning { get; init; }

    public bool Tracing { get; init; }

    public static BatchKitSettings FromContext(Constructs.Node node)
    {
        string? Text(string key) => node.TryGetContext(key) is { } value && value.ToString() is { Length: > 0 } text ? text : null;
        bool Flag(string key, bool fallback) => Text(key) is { } text ? bool.Parse(text) : fallback;
        var defaults = new BatchKitSettings();
        return new BatchKitSettings
        {
            LambdaAssetDirectory = Text("lambdaAssetDir") ?? defaults.LambdaAssetDirectory,
            RepositoryRoot = Text("repositoryRoot") ?? defaults.RepositoryRoot,
            VpcId = Text("vpcId"),
            SubnetIds = Text("subnetIds")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            PublicSubnets = Flag("publicSubnets", defaults.PublicSubnets),
            SlackWebhookSecretName = Text("slackWebhookSecret") ?? defaults.SlackWebhookSecretName,
            Versioning = Flag("versioning", false),
            Tracing = Flag("tracing", false),
        };
    }
}
