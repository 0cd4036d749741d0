using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.S3;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Distributed Map's ResultWriter over the emulator's own S3: SUCCEEDED_0.json and FAILED_0.json plus manifest.json under
/// Prefix/&lt;map run id&gt;/, and the ResultWriterDetails that point at the manifest.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
/// </summary>
internal sealed class S3ResultWriter(S3Store s3) : IResultWriter
{
    public async Task<TaskResult> WriteResultsAsync(
        string resource, JsonNode? parameters, string mapRunArn, JsonArray succeeded, JsonArray failed, CancellationToken cancellationToken)
    {
        var bucket = parameters?["Bucket"]?.GetValue<string>() ?? "";
        if (!s3.BucketExists(bucket))
        {
            return TaskResult.Failure("States.ResultWriterFailed", $"The specified bucket does not exist: {bucket}");
        }

        var prefix = (parameters?["Prefix"]?.GetValue<string>() ?? "").TrimEnd('/');
        var runId = mapRunArn[(mapRunArn.LastIndexOf(':') + 1)..];
        var folder = (prefix.Length > 0 ? prefix + "/" : "") + runId;
        var files = new JsonArray();
        foreach (var (name, records) in new[] { ("SUCCEEDED", succeeded), ("FAILED", failed) })
        {
            var key = $"{folder}/{name}_0.json";
            await Put(bucket, key, records.ToJsonString(), cancellationToken).ConfigureAwait(false);
            files.Add((JsonNode)new JsonObject { ["Key"] = key, ["Size"] = records.ToJsonString().Length });
        }

        var manifestKey = $"{folder}/manifest.json";
        var manifest = new JsonObject
        {
            ["DestinationBucket"] = bucket,
            ["MapRunArn"] = mapRunArn,
            ["ResultFiles"] = new JsonObject
            {
                ["SUCCEEDED"] = new JsonArray(files[0]!.DeepClone()),
                ["FAILED"] = new JsonArray(files[1]!.DeepClone()),
                ["PENDING"] = new JsonArray(),
            },
        };
        await Put(bucket, manifestKey, manifest.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(new JsonObject { ["ResultWriterDetails"] = new JsonObject { ["Bucket"] = bucket, ["Key"] = manifestKey } });
    }

    private Task<S3ObjectMetadata> Put(string bucket, string key, string text, CancellationToken cancellationToken) =>
        s3.PutAsync(bucket, key, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "application/json", [], cancellationToken);
}
