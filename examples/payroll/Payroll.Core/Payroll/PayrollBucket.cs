using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Functions.Runtime;

namespace Payroll;

/// <summary>The run's reads and writes in S3, with a missing object named as <see cref="PayrollErrors.TimesheetMissing"/>.</summary>
internal sealed class PayrollBucket(IAmazonS3 s3)
{
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
            throw new HandlerException(PayrollErrors.TimesheetMissing, $"s3://{bucket}/{key} does not exist ({e.ErrorCode})", e);
        }
    }

    public async Task<JsonNode> ReadJsonAsync(string bucket, string key, CancellationToken cancellationToken) =>
        JsonNode.Parse(await ReadTextAsync(bucket, key, cancellationToken).ConfigureAwait(false))
        ?? throw new HandlerException(PayrollErrors.InvalidInput, $"s3://{bucket}/{key} holds JSON null");

    public Task WriteJsonAsync(string bucket, string key, JsonNode document, CancellationToken cancellationToken) =>
        s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentBody = document.ToJsonString(),
            ContentType = "application/json",
        }, cancellationToken);

    /// <summary>Money as text with two decimals, so no JSON reader turns it into a binary float.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static decimal Money(JsonNode? text) =>
        decimal.Parse(
            text?.GetValue<string>() ?? throw new HandlerException(PayrollErrors.InvalidInput, "a money amount is missing"),
            CultureInfo.InvariantCulture);
}
