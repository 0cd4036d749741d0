using System.IO.Compression;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws.Ses;

namespace LongJob.Jobs;

/// <summary>
/// The archive task's work for one request: read it from the table, zip the requested objects (one entry per key,
/// streamed through a temporary file, so an archive larger than memory is fine), upload the zip, presign a GET link,
/// mail it through SES and mark the request DONE. Any failure marks it FAILED with the reason and is rethrown, so the
/// task exits non-zero and ECS shows it stopped with an error.
/// </summary>
public sealed class ArchiveJob(IAmazonS3 s3, JobTable table, SesClient ses, ArchiveSettings settings, TimeProvider time, TextWriter log)
{
    public async Task RunAsync(string requestId, CancellationToken cancellationToken)
    {
        var job = await table.GetAsync(requestId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the request {requestId} is not in the table");
        if (job.Status == JobStatus.Done)
        {
            await log.WriteLineAsync($"{requestId} is already done ({job.ArchiveKey})").ConfigureAwait(false);
            return;
        }

        try
        {
            var archiveKey = await ZipAndUploadAsync(job, cancellationToken).ConfigureAwait(false);
            var expires = time.GetUtcNow().Add(settings.LinkLifetime);
            var link = Presign(job.Bucket, archiveKey, expires);
            var subject = $"Your archive {requestId} is ready";
            var messageId = await ses.SendEmailAsync(settings.Sender, job.Email, subject, Body(job, link, expires), cancellationToken).ConfigureAwait(false);
            await table.MarkDoneAsync(requestId, archiveKey, messageId, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"{requestId}: s3://{job.Bucket}/{archiveKey} mailed to {job.Email} ({messageId})").ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonS3Exception or BatchKit.Aws.AwsServiceException or IOException or InvalidDataException or HttpRequestException)
        {
            await table.MarkFailedAsync(requestId, e.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<string> ZipAndUploadAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"long-job-{job.RequestId}-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: false);
                foreach (var key in job.Keys)
                {
                    await AddAsync(zip, job.Bucket, key, cancellationToken).ConfigureAwait(false);
                }
            }

            var archiveKey = LongJobNames.ArchiveKey(job.RequestId);
            var put = new PutObjectRequest { BucketName = job.Bucket, Key = archiveKey, FilePath = temp, ContentType = "application/zip" };
            await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            return archiveKey;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A missing object fails the whole job with its name: an archive never silently lacks a file.</summary>
    private async Task AddAsync(ZipArchive zip, string bucket, string key, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            throw new InvalidDataException($"s3://{bucket}/{key} does not exist", e);
        }

        using (response)
        {
            var entry = zip.CreateEntry(key, CompressionLevel.Optimal);
            await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await response.ResponseStream.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A GET link signed with the task's own credentials (SigV4 query string); it works for its lifetime without any
    /// other credentials. https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html
    /// </summary>
    private string Presign(string bucket, string key, DateTimeOffset expires) => s3.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = bucket,
        Key = key,
        Verb = HttpVerb.GET,
        Expires = expires.UtcDateTime,
        Protocol = settings.PlainHttp ? Protocol.HTTP : Protocol.HTTPS,
    });

    private static string Body(JobRecord job, string link, DateTimeOffset expires)
    {
        var text = new StringBuilder();
        text.Append("Your archive of ").Append(job.Keys.Count).Append(" objects from s3://").Append(job.Bucket).Append(" is ready:\n\n");
        text.Append(link).Append("\n\n");
        text.Append("The link works until ").Append(expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        text.Append(". The archive holds:\n");
        foreach (var key in job.Keys)
        {
            text.Append("  ").Append(key).Append('\n');
        }

        return text.ToString();
    }
}
