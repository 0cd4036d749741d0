namespace BatchKit.Aws.Ssm;

/// <summary>The SSM Parameter Store operations BatchKit calls, named after the AWS operations.</summary>
public interface ISsmClient
{
    /// <summary>The parameter's value; throws <see cref="AwsServiceException"/> with ErrorCode ParameterNotFound when absent.</summary>
    Task<string> GetParameterAsync(string name, bool withDecryption = false, CancellationToken cancellationToken = default);

    Task<long> PutParameterAsync(string name, string value, string type = "String", bool overwrite = false, CancellationToken cancellationToken = default);
}
