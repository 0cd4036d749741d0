namespace BatchKit.Deployment;

/// <summary>
/// What the local deploy step creates, and where. The defaults are the names `make up` uses; the same names appear
/// in the CDK stack so commands and tests work against either.
/// </summary>
public sealed record StackSettings
{
    /// <summary>The AWS-compatible endpoint (the emulator or LocalStack), e.g. http://127.0.0.1:4566.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The directory holding the upload handler's <c>bootstrap</c>, deployed by LocalStack's hot-reload bucket.</summary>
    public required string LambdaCodeDirectory { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "000000000000";

    public string Bucket { get; init; } = "batchkit-sales";

    public string UploadFunctionName { get; init; } = "batchkit-upload";

    public string SummaryFunctionName { get; init; } = "batchkit-summary";

    public string StateMachineName { get; init; } = "sales-batch";

    public string ClusterName { get; init; } = "batchkit";

    public string TaskFamily { get; init; } = "batchkit-worker";

    public string ContainerName { get; init; } = "worker";

    /// <summary>The worker's image; the emulator maps it to the local worker binary (<c>--ecs-image</c>).</summary>
    public string WorkerImage { get; init; } = LocalWorkerImage;

    /// <summary>
    /// The worker image `make images` builds from src/BatchKit.Worker/Dockerfile, tagged with BatchKit's version; the
    /// emulator runs it as a container (--ecs-runtime container) or maps it to the published binary (process).
    /// </summary>
    public static readonly string LocalWorkerImage = "batchkit/worker:" + typeof(StackSettings).Assembly.GetName().Version!.ToString(3);

    /// <summary>Extra environment for the worker container (e.g. BATCHKIT_SIMULATED_DELAY_SECONDS).</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The Slack webhook: the WireMock.Net stub locally (its mappings answer /services/... like Slack).</summary>
    public Uri SlackWebhookUrl { get; init; } = new("http://127.0.0.1:8089/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");

    public string SlackConnectionName { get; init; } = "batchkit-slack";

    /// <summary>
    /// Changes the substituted definition before it is deployed; null deploys it as written. End-to-end tests use it
    /// to shorten the worker task's HeartbeatSeconds so a crashed worker is retried in seconds, not minutes.
    /// </summary>
    public Func<string, string>? DefinitionTransform { get; init; }

    public string Role(string name) => $"arn:aws:iam::{AccountId}:role/{name}";
}
