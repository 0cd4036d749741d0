using System.Text.Json;

namespace BatchKit.Functions.Upload;

/// <summary>
/// One record of an S3 event notification, with the key decoded: S3 writes keys form-URL-encoded (a space is
/// <c>+</c>, a real plus is <c>%2B</c>), so <c>+</c> is turned into a space before percent-decoding.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
/// </summary>
internal sealed record S3EventRecord(string EventName, string Bucket, string Key, long Size, string ETag)
{
    public static IReadOnlyList<S3EventRecord> Parse(byte[] payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            throw new Runtime.HandlerException("BatchKit.InvalidEvent", $"The event is not JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Records", out var records)
                || records.ValueKind != JsonValueKind.Array)
            {
                throw new Runtime.HandlerException("BatchKit.InvalidEvent",
                    "The event has no Records array: the upload handler expects an S3 event notification.");
            }

            var result = new List<S3EventRecord>();
            foreach (var record in records.EnumerateArray())
            {
                if (!record.TryGetProperty("s3", out var s3) || !s3.TryGetProperty("bucket", out var bucket) || !s3.TryGetProperty("object", out var @object))
                {
                    throw new Runtime.HandlerException("BatchKit.InvalidEvent", "An event record has no s3.bucket or s3.object: not an S3 event notification.");
                }

                result.Add(new S3EventRecord(
                    record.TryGetProperty("eventName", out var name) ? name.GetString() ?? "" : "",
                    bucket.GetProperty("name").GetString() ?? "",
                    DecodeKey(@object.GetProperty("key").GetString() ?? ""),
                    @object.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0,
                    @object.TryGetProperty("eTag", out var eTag) ? eTag.GetString() ?? "" : ""));
            }

            return result;
        }
    }

    public static string DecodeKey(string encoded) => Uri.UnescapeDataString(encoded.Replace('+', ' '));
}
