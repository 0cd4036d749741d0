using System.Text.Json;
using BatchKit.Functions.Runtime;

namespace BatchKit.Functions.Upload;

/// <summary>
/// The <c>upload</c> handler: every record of the S3 event in turn. If one fails the invocation fails (Lambda
/// retries it); the records already done are duplicates on the retry and start nothing twice.
/// </summary>
internal sealed class UploadHandler(UploadProcessor processor) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var outcomes = new List<UploadOutcome>();
        foreach (var record in S3EventRecord.Parse(payload))
        {
            outcomes.Add(await processor.ProcessAsync(record, cancellationToken).ConfigureAwait(false));
        }

        using var buffer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("uploads");
            foreach (var o in outcomes)
            {
                w.WriteStartObject();
                w.WriteString("status", o.Status);
                w.WriteString("key", o.Key);
                w.WriteString("day", o.Day);
                w.WriteString("execution_arn", o.ExecutionArn);
                w.WriteNumber("stores", o.Stores);
                w.WriteNumber("bytes", o.Bytes);
                w.WriteNumber("skipped", o.Skipped);
                w.WriteString("reason", o.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
