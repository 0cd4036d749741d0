using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Functions.Runtime;

namespace ScheduledValidation.Handlers;

/// <summary>
/// <c>prepare</c>: the schedule's input <c>{bucket, prefix, time}</c> (the rule's InputTransformer passes the event's
/// time) → every <c>&lt;prefix&gt;/incoming/*.csv</c> in the bucket, listed page by page, each with the result object
/// its task will write: <c>{bucket, prefix, run, files: [{bucket, key, result_key}]}</c>, which the Map runs over.
/// </summary>
internal sealed class PrepareHandler(IAmazonS3 s3) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var (bucket, prefix, time) = Read(payload);
        var run = ValidationKeys.Run(time);
        var files = new JsonArray();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = ValidationKeys.Incoming(prefix) };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var key in (page.S3Objects ?? []).Select(o => o.Key).Where(k => ValidationKeys.IsIncomingCsv(prefix, k)))
            {
                files.Add(new JsonObject { ["bucket"] = bucket, ["key"] = key, ["result_key"] = ValidationKeys.Result(prefix, run, key) });
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        var output = new JsonObject { ["bucket"] = bucket, ["prefix"] = prefix, ["run"] = run, ["files"] = files };
        return Encoding.UTF8.GetBytes(output.ToJsonString());
    }

    private static (string Bucket, string Prefix, DateTimeOffset Time) Read(byte[] payload)
    {
        JsonObject input;
        try
        {
            input = JsonNode.Parse(payload) as JsonObject ?? throw new HandlerException(ValidationErrors.InvalidInput, "the input is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new HandlerException(ValidationErrors.InvalidInput, "the input is not JSON: " + e.Message, e);
        }

        var bucket = Text(input, "bucket");
        var prefix = Text(input, "prefix");
        if (!ValidationKeys.IsPrefix(prefix))
        {
            throw new HandlerException(ValidationErrors.InvalidInput, $"prefix '{prefix}' is not a folder path (letters, digits, '-', '_', '.' between '/')");
        }

        return DateTimeOffset.TryParse(Text(input, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? (bucket, prefix, time)
            : throw new HandlerException(ValidationErrors.InvalidInput, $"time '{input["time"]}' is not a timestamp");
    }

    private static string Text(JsonObject input, string name) =>
        input[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw new HandlerException(ValidationErrors.InvalidInput, $"the input has no '{name}' string (the schedule rule's target input sets it)");
}
