namespace BatchKit.Aws;

/// <summary>The environment does not say where AWS is or who we are (no region, no credentials, a bad endpoint URL).</summary>
public sealed class AwsConfigurationException : Exception
{
    public AwsConfigurationException(string message)
        : base(message)
    {
    }

    public AwsConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
