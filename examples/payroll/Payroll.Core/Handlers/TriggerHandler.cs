using System.Text.Json.Nodes;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Functions.Upload;
using BatchKit.Functions.Runtime;

namespace Payroll.Handlers;

/// <summary>
/// <c>trigger</c>: the S3 notification for <c>timesheets/&lt;period&gt;.csv</c> starts one payroll execution per upload.
/// The execution is named from the period and the object's ETag, so Lambda's retry of the same event starts nothing
/// twice (StartExecution answers ExecutionAlreadyExists for a name in use with another input).
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
/// </summary>
internal sealed class TriggerHandler(IStepFunctionsClient stepFunctions, string stateMachineArn, TextWriter log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var started = new JsonArray();
        foreach (var record in S3EventRecord.Parse(payload))
        {
            if (PayrollKeys.PeriodOf(record.Key) is not { } period)
            {
                await log.WriteLineAsync($"skipped s3://{record.Bucket}/{record.Key}: not timesheets/<period>.csv").ConfigureAwait(false);
                continue;
            }

            var name = PayrollKeys.ExecutionName(period, record.ETag);
            var input = new JsonObject { ["bucket"] = record.Bucket, ["key"] = record.Key, ["period"] = period };
            try
            {
                var execution = await stepFunctions.StartExecutionAsync(stateMachineArn, name, input.ToJsonString(), cancellationToken).ConfigureAwait(false);
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
