using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Contracts;
using BatchKit.Contracts.Functions;
using BatchKit.Sales;
using BatchKit.Functions.Runtime;

namespace BatchKit.Functions.Summary;

/// <summary>
/// The <c>summary</c> handler the workflow calls after the Distributed Map: reads the Map's ResultWriter manifest and
/// its SUCCEEDED/FAILED files, sums the day (<see cref="DaySummary"/>), writes <c>reports/&lt;day&gt;/summary.json</c>
/// and returns the summary with its Slack text. No manifest (an empty day) is a day of no stores, not an error.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
/// Payload: a <see cref="SummaryRequest"/>; answer: a <see cref="DayReport"/>.
/// </summary>
internal sealed class SummaryHandler(IAmazonS3 s3, TextWriter log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var request = Read(payload);
        var (bucket, bucketPath) = (request.Bucket, request.BucketPath);
        var (manifestBucket, manifestKey) = (request.ResultWriter?.Bucket, request.ResultWriter?.Key);
        var day = BucketPrefixes.DayOf(bucketPath) ?? bucketPath.TrimEnd('/');
        var summary = new DaySummary(day, bucket);
        if (manifestBucket is not null && manifestKey is not null)
        {
            await ReadResultsAsync(summary, manifestBucket, manifestKey, cancellationToken).ConfigureAwait(false);
        }

        var reportKey = BucketPrefixes.Summary(day);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = reportKey,
            InputStream = new MemoryStream(summary.ToJson(reportKey, byStore: true)),
            ContentType = "application/json",
        }, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync(
                $"{day}: {summary.Stores.Count} of {summary.StoreCount} stores, {summary.Rows} rows, total {Money.ToDollars(summary.Total)}; "
                + $"report s3://{bucket}/{reportKey}")
            .ConfigureAwait(false);
        return summary.ToJson(reportKey, byStore: false);
    }

    private static SummaryRequest Read(byte[] payload)
    {
        const string Expected = "The summary handler needs {\"bucket\", \"bucket_path\", \"result_writer\"}";
        try
        {
            var request = JsonSerializer.Deserialize(payload, ContractJson.Default.SummaryRequest);
            return request is { Bucket: not null, BucketPath: not null } ? request : throw new HandlerException("BatchKit.InvalidEvent",
                $"{Expected}: got {Encoding.UTF8.GetString(payload)}");
        }
        catch (JsonException e)
        {
            throw new HandlerException("BatchKit.InvalidEvent", $"{Expected}: {e.Message}");
        }
    }

    private async Task ReadResultsAsync(DaySummary summary, string bucket, string manifestKey, CancellationToken cancellationToken)
    {
        using var manifest = await ReadJsonAsync(bucket, manifestKey, cancellationToken).ConfigureAwait(false);
        var files = manifest.RootElement.GetProperty("ResultFiles");
        foreach (var (status, succeeded) in new[] { ("SUCCEEDED", true), ("FAILED", false), ("PENDING", false) })
        {
            if (!files.TryGetProperty(status, out var list))
            {
                continue;
            }

            foreach (var file in list.EnumerateArray())
            {
                using var records = await ReadJsonAsync(bucket, file.GetProperty("Key").GetString()!, cancellationToken).ConfigureAwait(false);
                foreach (var record in records.RootElement.EnumerateArray())
                {
                    try
                    {
                        if (succeeded)
                        {
                            summary.AddSucceeded(record.GetProperty("Output").GetString()!);
                        }
                        else
                        {
                            summary.AddFailed(StoreOf(record), Text(record, "Error") ?? status, Text(record, "Cause") ?? "");
                        }
                    }
                    catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
                    {
                        throw new HandlerException("BatchKit.ResultsUnreadable",
                            $"A record of {file.GetProperty("Key").GetString()} is not a worker result: {e.Message}");
                    }
                }
            }
        }
    }

    /// <summary>The store of a failed child execution, from its input's item key (processed/&lt;day&gt;/store_1003.json).</summary>
    private static string StoreOf(JsonElement record)
    {
        if (Text(record, "Input") is { } input)
        {
            using var document = JsonDocument.Parse(input);
            if (document.RootElement.TryGetProperty("Items", out var items) && items.GetArrayLength() > 0
                && items[0].TryGetProperty("Key", out var key) && StoreFileName.TryParse(key.GetString() ?? "", out var store, out _))
            {
                return store;
            }
        }

        return Text(record, "Name") ?? "unknown store";
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<JsonDocument> ReadJsonAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(response.ResponseStream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e)
        {
            throw new HandlerException("BatchKit.S3Error", $"Could not read the Map's results at s3://{bucket}/{key}: {e.ErrorCode}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new HandlerException("BatchKit.ResultsUnreadable", $"s3://{bucket}/{key} is not JSON: {e.Message}", e);
        }
    }
}
