using System.Text.Json.Nodes;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Functions.Runtime;
using BatchKit.Functions.Upload;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>
/// <c>trigger</c>: the S3 notification for <c>input/*.csv</c> starts one main execution per upload with
/// <c>{bucket, key, chunkSize, recipient}</c>. The execution is named from the file and its ETag, so Lambda's retry of
/// the same event starts nothing twice (StartExecution answers ExecutionAlreadyExists).
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
/// </summary>
internal sealed class TriggerHandler(IStepFunctionsClient stepFunctions, TriggerSettings settings, TextWriter log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var started = new JsonArray();
        foreach (var record in S3EventRecord.Parse(payload))
        {
            if (!ChunkedCsvNames.IsInput(record.Key))
            {
                await log.WriteLineAsync($"skipped s3://{record.Bucket}/{record.Key}: not {ChunkedCsvNames.Input}*.csv").ConfigureAwait(false);
                continue;
            }

            var name = ChunkedCsvNames.ExecutionName(record.Key, record.ETag);
            var input = new JsonObject
            {
                ["bucket"] = record.Bucket, ["key"] = record.Key, ["chunkSize"] = settings.ChunkSize, ["recipient"] = settings.Recipient,
            };
            try
            {
                var execution = await stepFunctions.StartExecutionAsync(settings.StateMachineArn, name, input.ToJsonString(), cancellationToken)
                    .ConfigureAwait(false);
                started.Add(execution.ExecutionArn);
            }
            catch (AwsServiceException e) when (e.ErrorCode == "ExecutionAlreadyExists")
            {
                await log.WriteLineAsync($"{name} already runs for this upload").ConfigureAwait(false);
            }
        }

        return StateInput.Bytes(new JsonObject { ["started"] = started });
    }
}

/// <summary>What the trigger starts and with which settings (its environment, checked when the function starts).</summary>
internal sealed record TriggerSettings(string StateMachineArn, int ChunkSize, string Recipient);
