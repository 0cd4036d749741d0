using System.Globalization;
using DotNet.Testcontainers.Containers;

namespace BatchKit.Testcontainers;

/// <summary>A running emulator container; point any AWS SDK or the AWS CLI at <see cref="GetConnectionString"/>.</summary>
public sealed class BatchKitEmulatorContainer(BatchKitEmulatorConfiguration configuration) : DockerContainer(configuration)
{
    /// <summary>http://127.0.0.1:PORT: an IP literal, so AWSSDK.S3 addresses buckets path-style.</summary>
    public Uri Endpoint { get; } = new($"http://127.0.0.1:{configuration.Port!.Value.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The endpoint as a string (AWS_ENDPOINT_URL, ServiceURL), as Testcontainers.LocalStack's does.</summary>
    public string GetConnectionString() => Endpoint.ToString().TrimEnd('/');
}
