using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace BatchKit.Aws;

/// <summary>
/// The SDKs' default credential chain with its first link read directly: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
/// AWS_SESSION_TOKEN from the environment (what ECS tasks under the emulator, Lambda and CI have). Only without them
/// is AWSSDK.Core's resolver built (profile, ECS container credentials, EC2 instance metadata), which costs a
/// short-lived process like the worker more CPU than its own work on a small store.
/// https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
/// </summary>
internal static class AwsCredentialChain
{
    public static AWSCredentials Resolve(IEnvironmentVariables environment)
    {
        var accessKey = environment.Get("AWS_ACCESS_KEY_ID");
        var secretKey = environment.Get("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
        {
            return environment.Get("AWS_SESSION_TOKEN") is { Length: > 0 } token
                ? new SessionAWSCredentials(accessKey, secretKey, token)
                : new BasicAWSCredentials(accessKey, secretKey);
        }

        try
        {
            return new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null)
                ?? throw new AwsConfigurationException("No AWS credentials found in the environment, profile or container.");
        }
        catch (AmazonClientException e)
        {
            throw new AwsConfigurationException($"No AWS credentials: {e.Message} (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with a role)", e);
        }
    }
}
