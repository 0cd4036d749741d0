using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws.StepFunctions;
using ScheduledValidation.Validation;

namespace ScheduledValidation.Worker;

/// <summary>
/// One ECS task: reads its CSV file from S3, holds every row to <see cref="OrdersCsv"/>'s rules, writes the result
/// object (counts and the first problems with their lines), and answers the workflow's task token with the counts, so
/// the Map's output — and the completion event — name every file with its valid and invalid rows.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
/// </summary>
internal sealed class FileValidationWorker(IAmazonS3 s3, IStepFunctionsClient stepFunctions, TextWriter log)
{
    /// <summary>Problems quote values ('two'): keep the quotes readable in the result object rather than \u0027.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>0 when the file was validated (whatever its rows), 1 when it could not be read (the token is failed).</summary>
    public async Task<int> RunAsync(WorkerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string text;
        try
        {
            using var response = await s3.GetObjectAsync(settings.Bucket, settings.Key, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            var cause = $"s3://{settings.Bucket}/{settings.Key} does not exist ({e.ErrorCode})";
            await log.WriteLineAsync("validation-worker: " + cause).ConfigureAwait(false);
            await stepFunctions.SendTaskFailureAsync(settings.TaskToken, ValidationErrors.FileMissing, cause, cancellationToken).ConfigureAwait(false);
            return 1;
        }

        var validation = OrdersCsv.Validate(text);
        var result = new JsonObject
        {
            ["key"] = settings.Key,
            ["header_ok"] = validation.HeaderOk,
            ["valid_rows"] = validation.ValidRows,
            ["invalid_rows"] = validation.InvalidRows,
            ["problems"] = new JsonArray([.. validation.Problems.Select(p => (JsonNode)new JsonObject { ["line"] = p.Line, ["problem"] = p.Problem })]),
        };
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = settings.Bucket, Key = settings.ResultKey, ContentBody = result.ToJsonString(Readable), ContentType = "application/json",
        }, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync(
            $"validation-worker: {settings.Key}: {validation.ValidRows} valid, {validation.InvalidRows} invalid → {settings.ResultKey}")
            .ConfigureAwait(false);

        var answer = new JsonObject
        {
            ["key"] = settings.Key, ["valid_rows"] = validation.ValidRows, ["invalid_rows"] = validation.InvalidRows, ["result_key"] = settings.ResultKey,
        };
        await stepFunctions.SendTaskSuccessAsync(settings.TaskToken, answer.ToJsonString(), cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
