using Amazon.Runtime;

namespace BatchKit.Aws;

/// <summary>How a thin client finds AWS. Everything defaults to the standard chains, as the official SDKs do.</summary>
public sealed record AwsClientOptions
{
    public IEnvironmentVariables Environment { get; init; } = ProcessEnvironmentVariables.Instance;

    /// <summary>Null: AWS_REGION / AWS_DEFAULT_REGION / the SDK's region chain.</summary>
    public string? Region { get; init; }

    /// <summary>Null: the SDK's default credential chain (environment, profile, ECS container and EC2 credentials).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Null: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, then the regional endpoint.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Attempts in all for throttling, 5xx and transport errors (with exponential backoff and full jitter).</summary>
    public int MaxAttempts { get; init; } = 4;

    public HttpClient? HttpClient { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
