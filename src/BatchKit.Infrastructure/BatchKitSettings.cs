using Amazon.CDK;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;
using Constructs;

namespace BatchKit.Infrastructure;

/// <summary>How the stack is deployed: every value comes from CDK context (<c>-c name=value</c>), with a working default.</summary>
internal sealed record BatchKitSettings
{
    public const string StackNameKey = "stackName";
    public const string LambdaAssetDirKey = CdkContextKeys.LambdaAssetDir;
    public const string RepositoryRootKey = "repositoryRoot";
    public const string VpcIdKey = "vpcId";
    public const string NetworkModeKey = "networkMode";
    public const string SlackWebhookSecretNameKey = "slackWebhookSecretName";
    public const string BucketNameKey = "bucketName";
    public const string TracingKey = "tracing";
    public const string LogRetentionDaysKey = "logRetentionDays";
    public const string WorkerHeartbeatSecondsKey = CdkContextKeys.WorkerHeartbeatSeconds;
    public const string WorkerEnvironmentKey = CdkContextKeys.WorkerEnvironment;

    public string StackName { get; init; } = "BatchKit";

    /// <summary>The directory holding the upload handler's published <c>bootstrap</c> (one binary, two functions).</summary>
    public string LambdaAssetDir { get; init; } = "artifacts/functions";

    /// <summary>The Docker build context of the worker image (the repository root; the Dockerfile is src/BatchKit.Worker/Dockerfile).</summary>
    public string RepositoryRoot { get; init; } = ".";

    /// <summary>An existing VPC to run the Fargate tasks in; null creates a minimal one.</summary>
    public string? VpcId { get; init; }

    public NetworkMode NetworkMode { get; init; } = NetworkMode.Public;

    /// <summary>The Secrets Manager secret (a plain string) holding the Slack incoming-webhook URL.</summary>
    public string SlackWebhookSecretName { get; init; } = "batchkit/slack-webhook";

    /// <summary>The bucket's name; null derives <c>batchkit-&lt;account&gt;-&lt;region&gt;</c>.</summary>
    public string? BucketName { get; init; }

    public bool Tracing { get; init; }

    public int LogRetentionDays { get; init; } = 30;

    /// <summary>
    /// The worker task's HeartbeatSeconds in the state machine; null keeps sales-batch.asl.json's value. The
    /// end-to-end crash test shortens it so a killed worker is retried in seconds rather than minutes.
    /// </summary>
    public int? WorkerHeartbeatSeconds { get; init; }

    /// <summary>
    /// Extra environment for the worker container (<c>NAME=value,NAME=value</c>), e.g. the worker's own
    /// BATCHKIT_HEARTBEAT_SECONDS or BATCHKIT_SIMULATED_DELAY_SECONDS for local runs and tests.
    /// </summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reads the settings from context; throws <see cref="ArgumentException"/> naming every bad value.</summary>
    public static BatchKitSettings From(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? Text(string key) => node.TryGetContext(key)?.ToString() is { Length: > 0 } value ? value.Trim() : null;

        var problems = new List<string>();
        var settings = new BatchKitSettings();
        var mode = settings.NetworkMode;
        if (Text(NetworkModeKey) is { } modeText && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            problems.Add($"{NetworkModeKey} must be 'public' or 'private', got '{modeText}'");
        }

        var tracing = false;
        if (Text(TracingKey) is { } tracingText && !bool.TryParse(tracingText, out tracing))
        {
            problems.Add($"{TracingKey} must be true or false, got '{tracingText}'");
        }

        var retention = settings.LogRetentionDays;
        if (Text(LogRetentionDaysKey) is { } retentionText && (!int.TryParse(retentionText, out retention) || !LogRetention.IsAllowed(retention)))
        {
            problems.Add(
                $"{LogRetentionDaysKey} must be one of CloudWatch Logs' retention periods ({string.Join(", ", LogRetention.AllowedDays)}), got "
                + $"'{retentionText}'");
        }

        var vpcId = Text(VpcIdKey);
        if (vpcId is not null && !vpcId.StartsWith("vpc-", StringComparison.Ordinal))
        {
            problems.Add($"{VpcIdKey} must be a VPC id (vpc-...), got '{vpcId}'");
        }

        var heartbeat = ParseHeartbeat(Text(WorkerHeartbeatSecondsKey), problems);
        var environment = ParseEnvironment(Text(WorkerEnvironmentKey), problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("BatchKit CDK context: " + string.Join("; ", problems), nameof(node));
        }

        return settings with
        {
            StackName = Text(StackNameKey) ?? settings.StackName,
            LambdaAssetDir = Text(LambdaAssetDirKey) ?? settings.LambdaAssetDir,
            RepositoryRoot = Text(RepositoryRootKey) ?? settings.RepositoryRoot,
            VpcId = vpcId,
            NetworkMode = mode,
            SlackWebhookSecretName = Text(SlackWebhookSecretNameKey) ?? settings.SlackWebhookSecretName,
            BucketName = Text(BucketNameKey),
            Tracing = tracing,
            LogRetentionDays = retention,
            WorkerHeartbeatSeconds = heartbeat,
            WorkerEnvironment = environment,
        };
    }

    private static int? ParseHeartbeat(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, out var seconds) && seconds >= 1)
        {
            return seconds;
        }

        problems.Add($"{WorkerHeartbeatSecondsKey} must be a whole number of seconds of at least 1, got '{text}'");
        return null;
    }

    private static Dictionary<string, string> ParseEnvironment(string? text, List<string> problems)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? pair[..equals] : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
            {
                problems.Add($"{WorkerEnvironmentKey} must be NAME=value pairs separated by commas, got '{pair}'");
                continue;
            }

            environment[name] = pair[(equals + 1)..];
        }

        return environment;
    }

    /// <summary>An existing VPC needs a concrete account and region to be looked up (credentials at synth time).</summary>
    public IEnvironment? Environment => VpcId is null
        ? null
        : new Amazon.CDK.Environment
        {
            Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
            Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
        };
}
