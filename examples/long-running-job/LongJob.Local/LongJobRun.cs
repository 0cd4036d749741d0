using System.Text.Json.Nodes;
using Amazon.S3.Model;
using BatchKit.Examples.Local;
using LongJob.Jobs;

namespace LongJob.Local;

/// <summary>One request as a user makes it: upload <c>requests/&lt;id&gt;.json</c>, then follow it in the table and the mailbox.</summary>
public sealed class LongJobRun(LocalEndpoint endpoint, LongJobDeployment deployment)
{
    private static readonly string[] Finished = [JobStatus.Done, JobStatus.Failed, JobStatus.Rejected];

    public async Task UploadAsync(string key, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(deployment);
        using var s3 = endpoint.S3();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = deployment.Bucket, Key = key, InputStream = new MemoryStream(content) }, cancellationToken)
            .ConfigureAwait(false);
    }

    public Task SubmitAsync(string requestId, JobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return UploadAsync(LongJobNames.RequestKey(requestId), request.ToJson(), cancellationToken);
    }

    /// <summary>The request's record once it is DONE, FAILED or REJECTED; a TimeoutException naming its last status otherwise.</summary>
    public async Task<JobRecord> WaitAsync(string requestId, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        using var dynamoDb = LongJobStack.DynamoDb(endpoint);
        var table = new JobTable(dynamoDb, deployment.Table, TimeProvider.System);
        var until = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            var record = await table.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
            if (record is not null && Finished.Contains(record.Status))
            {
                return record;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                var state = record is null ? "it was never stored" : $"still {record.Status}";
                throw new TimeoutException($"the request {requestId} did not finish within {deadline.TotalSeconds:0} s ({state})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every message the emulator's SES delivered to <paramref name="address"/>, oldest first (its local mailbox).</summary>
    public Task<IReadOnlyList<JsonObject>> MailToAsync(string address, CancellationToken cancellationToken = default) =>
        endpoint.MailToAsync(address, cancellationToken);
}
