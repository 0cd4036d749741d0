using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using BatchKit.Aws;

namespace BatchKit.Testing;

/// <summary>The real AWS clients, pointed at a local endpoint with the emulator's test credentials and no retries.</summary>
public static class LocalAws
{
    public const string Region = "us-east-1";

    public static BasicAWSCredentials Credentials { get; } = new("test", "test");

    /// <summary>AWSSDK.S3, path-style (an IP-literal endpoint keeps it so; see ENVIRONMENT.md).</summary>
    public static AmazonS3Client S3(Uri endpoint) => new(Credentials, new AmazonS3Config
    {
        ServiceURL = endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = Region,
        MaxErrorRetry = 0,
    });

    /// <summary>AWSSDK.SimpleSystemsManagement, as the upload handler and the deploy step use it.</summary>
    public static AmazonSimpleSystemsManagementClient Ssm(Uri endpoint) => new(Credentials, new AmazonSimpleSystemsManagementConfig
    {
        ServiceURL = endpoint.ToString(),
        AuthenticationRegion = Region,
        MaxErrorRetry = 0,
    });

    /// <summary>Options for BatchKit's thin clients (Step Functions, ECS, Lambda, EventBridge).</summary>
    public static AwsClientOptions ClientOptions(Uri endpoint) => new() { Endpoint = endpoint, Region = Region, Credentials = Credentials };
}
