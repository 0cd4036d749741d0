using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;

namespace Payroll.Local;

/// <summary>One payroll run as a user starts it: upload <c>timesheets/&lt;period&gt;.csv</c>, then follow the execution it starts.</summary>
public sealed class PayrollRun(LocalEndpoint endpoint, PayrollDeployment deployment)
{
    /// <summary>Uploads the timesheet; returns the name of the execution its upload starts.</summary>
    public async Task<string> UploadAsync(string period, byte[] timesheet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(deployment);
        using var s3 = endpoint.S3();
        var response = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = deployment.Bucket,
            Key = $"{PayrollKeys.Timesheets}{period}.csv",
            InputStream = new MemoryStream(timesheet),
            ContentType = "text/csv",
        }, cancellationToken).ConfigureAwait(false);
        return PayrollKeys.ExecutionName(period, response.ETag);
    }

    public async Task<DescribeExecutionResponse> WaitAsync(string executionName, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        using var stepFunctions = new StepFunctionsClient(endpoint.ClientOptions());
        return await ExecutionWatch.UntilEndedAsync(stepFunctions, deployment.StateMachineArn, executionName, deadline, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<string> ReadTextAsync(string key, CancellationToken cancellationToken = default)
    {
        using var s3 = endpoint.S3();
        using var response = await s3.GetObjectAsync(deployment.Bucket, key, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        using var s3 = endpoint.S3();
        var request = new ListObjectsV2Request { BucketName = deployment.Bucket, Prefix = prefix };
        var listed = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
        return [.. (listed.S3Objects ?? []).Select(o => o.Key)];
    }
}
