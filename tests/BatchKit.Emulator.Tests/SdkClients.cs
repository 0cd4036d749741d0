using Amazon.DynamoDBv2;
using Amazon.SecurityToken;
using Amazon.SQS;

namespace BatchKit.Emulator.Tests;

/// <summary>The official AWS SDK clients for the services that have a package here, pointed at the emulator, no retries.</summary>
internal static class SdkClients
{
    public static AmazonSQSClient Sqs(Uri endpoint) =>
        new(LocalAws.Credentials, new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = LocalAws.Region, MaxErrorRetry = 0 });

    public static AmazonSecurityTokenServiceClient Sts(Uri endpoint) =>
        new(LocalAws.Credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = LocalAws.Region, MaxErrorRetry = 0 });

    public static AmazonDynamoDBClient DynamoDb(Uri endpoint) =>
        new(LocalAws.Credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = LocalAws.Region, MaxErrorRetry = 0 });
}
