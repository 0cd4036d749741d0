using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using BatchKit.Aws;
using BatchKit.Aws.Ecs;
using BatchKit.Aws.EventBridge;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.Logs;
using BatchKit.Aws.StepFunctions;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// The clients a deploy drives, all pointed at one endpoint (the emulator or LocalStack) with dummy credentials:
/// AWSSDK.S3 and AWSSDK.SimpleSystemsManagement, and BatchKit's thin clients for the services the feed has no SDK package for.
/// </summary>
internal sealed class AwsClients : IDisposable
{
    public AwsClients(Uri endpoint, string region)
    {
        var credentials = new BasicAWSCredentials("test", "test");
        var options = new AwsClientOptions { Endpoint = endpoint, Region = region, Credentials = credentials };
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = region });
        Lambda = new LambdaClient(options);
        Ecs = new EcsClient(options);
        Events = new EventBridgeClient(options);
        StepFunctions = new StepFunctionsClient(options);
        Logs = new LogsClient(options);
        Ssm = new AmazonSimpleSystemsManagementClient(
            credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region });
    }

    public AmazonS3Client S3 { get; }

    public LambdaClient Lambda { get; }

    public EcsClient Ecs { get; }

    public EventBridgeClient Events { get; }

    public StepFunctionsClient StepFunctions { get; }

    public LogsClient Logs { get; }

    public AmazonSimpleSystemsManagementClient Ssm { get; }

    public void Dispose()
    {
        S3.Dispose();
        Lambda.Dispose();
        Ecs.Dispose();
        Events.Dispose();
        StepFunctions.Dispose();
        Logs.Dispose();
        Ssm.Dispose();
    }
}
