using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Functions.Runtime;

namespace ChunkedCsv.Batch;

/// <summary>The run's reads and writes in S3, with a missing object named as <see cref="ChunkedCsvErrors.FileMissing"/>.</summary>
internal sealed class BatchBucket(IAmazonS3 s3)
{
    public IAmazonS3 Client => s3;

    public async Task<string> ReadTextAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new HandlerException(ChunkedCsvErrors.FileMissing, $"s3://{bucket}/{key} does not exist ({e.ErrorCode})", e);
        }
    }

    public Task WriteCsvAsync(string bucket, string key, string text, CancellationToken cancellationToken) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text, ContentType = "text/csv" }, cancellationToken);
}
