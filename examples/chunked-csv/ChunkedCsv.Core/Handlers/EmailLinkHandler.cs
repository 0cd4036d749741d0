using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws.Ses;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>
/// <c>emailLink</c>: the main workflow's last step. Presigns a GET of the merged file (SigV4 query string, valid for
/// <see cref="LinkSettings.Lifetime"/>) and mails it with the run's counts through SES v2 SendEmail from the verified
/// sender. Input <c>{bucket, file, run, recipient, outputKey, rows, invalid}</c>; returns <c>{messageId}</c>.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html
/// </summary>
internal sealed class EmailLinkHandler(IAmazonS3 s3, SesClient ses, LinkSettings settings, TimeProvider time) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var (name, file, run) = (StateInput.Required(input, "bucket"), StateInput.Required(input, "file"), StateInput.Required(input, "run"));
        var (recipient, outputKey) = (StateInput.Required(input, "recipient"), StateInput.Required(input, "outputKey"));
        var (rows, invalid) = (StateInput.Number(input, "rows"), StateInput.Number(input, "invalid"));

        var expires = time.GetUtcNow().Add(settings.Lifetime);
        var link = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = name, Key = outputKey, Verb = HttpVerb.GET, Expires = expires.UtcDateTime,
            Protocol = settings.PlainHttp ? Protocol.HTTP : Protocol.HTTPS,
        }).ConfigureAwait(false);
        var text = $"""
            s3://{name}/{file} is processed: {rows} rows priced, {invalid} invalid rows.
            The invalid rows' lines and reasons are in the DynamoDB table {ChunkedCsvNames.ErrorsTable} under run {run}.

            {link}

            The link works until {expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}.

            """;
        var messageId = await ses.SendEmailAsync(settings.Sender, recipient, $"Processed {Path.GetFileName(file)}", text, cancellationToken)
            .ConfigureAwait(false);
        return StateInput.Bytes(new JsonObject { ["messageId"] = messageId });
    }
}

/// <summary>Who the mail comes from, how long its link works, and whether the endpoint is plain HTTP (local only).</summary>
internal sealed record LinkSettings(string Sender, bool PlainHttp)
{
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
}
