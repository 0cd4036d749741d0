using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using BatchKit.Examples.Local;

namespace ScheduledValidation.Local;

/// <summary>
/// What a user does around a scheduled run: put CSV files under <c>&lt;prefix&gt;/incoming/</c>, then read the completion
/// event the rule on the custom bus delivered to the queue, and the result objects it names.
/// </summary>
public sealed class ScheduledValidationRun(LocalEndpoint endpoint, ScheduledValidationDeployment deployment)
{
    public async Task<string> UploadAsync(string fileName, byte[] csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(deployment);
        using var s3 = endpoint.S3();
        var key = ValidationKeys.Incoming(deployment.Prefix) + fileName;
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = deployment.Bucket, Key = key, InputStream = new MemoryStream(csv), ContentType = "text/csv",
        }, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>
    /// The next completion event from the queue (long polls of up to 5 s until <paramref name="deadline"/>), deleted once read.
    /// Fails with a message saying nothing arrived, so a schedule that never fired is told apart from a wrong event.
    /// </summary>
    public async Task<JsonObject> ReceiveCompletionAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        using var sqs = ScheduledValidationStack.Sqs(endpoint);
        var until = DateTimeOffset.UtcNow + deadline;
        while (DateTimeOffset.UtcNow < until)
        {
            var wait = (int)Math.Clamp((until - DateTimeOffset.UtcNow).TotalSeconds, 1, 5);
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = deployment.QueueUrl, WaitTimeSeconds = wait, MaxNumberOfMessages = 1,
            }, cancellationToken).ConfigureAwait(false);
            if (received.Messages is [var message, ..])
            {
                await sqs.DeleteMessageAsync(deployment.QueueUrl, message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
                return JsonNode.Parse(message.Body) as JsonObject
                    ?? throw new InvalidOperationException($"the queue held a message that is not an event: {message.Body}");
            }
        }

        throw new TimeoutException($"no completion event reached {deployment.QueueUrl} within {deadline.TotalSeconds:0} s");
    }

    public async Task<string> ReadTextAsync(string key, CancellationToken cancellationToken = default)
    {
        using var s3 = endpoint.S3();
        using var response = await s3.GetObjectAsync(deployment.Bucket, key, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
