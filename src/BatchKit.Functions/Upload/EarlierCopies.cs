using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Contracts;

namespace BatchKit.Functions.Upload;

/// <summary>
/// Each upload of a day is copied to <c>processed/&lt;day&gt;/&lt;its execution name&gt;/</c>, and its run reads that copy only,
/// so a re-upload never touches the files another run's Map reads. Once a new copy is complete and its run started
/// (the switch), the day's other copies are removed, except a copy whose run is still RUNNING (its Map may be reading it)
/// and a copy without a run that is younger than Lambda's longest timeout (an upload still copying). The next upload of
/// the day removes what was kept then. Files of the older flat layout (<c>processed/&lt;day&gt;/store_N.json</c>) are left.
/// </summary>
internal sealed class EarlierCopies(IAmazonS3 s3, IStepFunctionsClient stepFunctions, TextWriter log, TimeProvider time)
{
    /// <summary>Lambda's longest timeout: no invocation can still be writing a copy whose newest file is older.</summary>
    public static readonly TimeSpan LongestWriter = TimeSpan.FromMinutes(15);

    public async Task RetireAsync(string bucket, string day, string current, string stateMachineArn, CancellationToken cancellationToken)
    {
        var dayPrefix = BucketPrefixes.ProcessedDay(day);
        var copies = (await ListAsync(bucket, dayPrefix, cancellationToken).ConfigureAwait(false))
            .Where(o => o.Key[dayPrefix.Length..].Contains('/', StringComparison.Ordinal))
            .GroupBy(o => o.Key[dayPrefix.Length..].Split('/')[0], StringComparer.Ordinal)
            .Where(g => g.Key != current);
        foreach (var copy in copies)
        {
            var status = await StatusAsync(ExecutionNames.ExecutionArn(stateMachineArn, copy.Key), cancellationToken).ConfigureAwait(false);
            var newest = copy.Max(o => o.LastModified ?? DateTime.MinValue);
            var keep = status == "RUNNING" ? "its run is still RUNNING"
                : status is null && time.GetUtcNow().UtcDateTime - newest.ToUniversalTime() < LongestWriter
                    ? "no run has started on it yet (an upload may still be copying)"
                : null;
            if (keep is not null)
            {
                await log.WriteLineAsync($"kept the earlier copy {dayPrefix}{copy.Key}/: {keep}").ConfigureAwait(false);
                continue;
            }

            await log.WriteLineAsync($"removing the earlier copy {dayPrefix}{copy.Key}/ ({copy.Count()} files; its run is {status ?? "gone"})")
                .ConfigureAwait(false);
            foreach (var batch in copy.Select(o => o.Key).Chunk(1000))
            {
                var request = new DeleteObjectsRequest { BucketName = bucket, Objects = [.. batch.Select(k => new KeyVersion { Key = k })] };
                await s3.DeleteObjectsAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string?> StatusAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            return (await stepFunctions.DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false)).Status;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ExecutionDoesNotExist")
        {
            return null;
        }
    }

    private async Task<List<S3Object>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        var objects = new List<S3Object>();
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            objects.AddRange(page.S3Objects ?? []);
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return objects;
    }
}
