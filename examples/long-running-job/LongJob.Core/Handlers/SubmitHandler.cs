using System.Text.Json.Nodes;
using Amazon.S3;
using BatchKit.Aws;
using BatchKit.Aws.Ecs;
using BatchKit.Functions.Runtime;
using BatchKit.Functions.Upload;
using LongJob.Jobs;

namespace LongJob.Handlers;

/// <summary>
/// <c>submit</c>: the S3 notification for <c>requests/&lt;id&gt;.json</c> stores the request in DynamoDB and starts
/// the archive task itself with RunTask, naming the request in an environment override; the answer is not awaited
/// (the job may run for longer than a Lambda may). A request that cannot be read is recorded as REJECTED with the
/// reason and starts nothing. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html
/// </summary>
internal sealed class SubmitHandler(IAmazonS3 s3, JobTable table, IEcsClient ecs, TaskLaunch launch, TextWriter log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var started = new JsonArray();
        foreach (var record in S3EventRecord.Parse(payload))
        {
            if (LongJobNames.RequestIdOf(record.Key) is not { } requestId)
            {
                await log.WriteLineAsync($"skipped s3://{record.Bucket}/{record.Key}: not requests/<id>.json").ConfigureAwait(false);
                continue;
            }

            if (await SubmitAsync(record.Bucket, record.Key, requestId, cancellationToken).ConfigureAwait(false) is { } taskArn)
            {
                started.Add(new JsonObject { ["requestId"] = requestId, ["taskArn"] = taskArn });
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["started"] = started }.ToJsonString());
    }

    /// <summary>The started task's ARN, or null when nothing was started (a rejected or already submitted request).</summary>
    private async Task<string?> SubmitAsync(string bucket, string key, string requestId, CancellationToken cancellationToken)
    {
        JobRequest request;
        try
        {
            request = JobRequest.Parse(await ReadAsync(bucket, key, cancellationToken).ConfigureAwait(false));
        }
        catch (FormatException e)
        {
            await log.WriteLineAsync($"rejected {requestId}: {e.Message}").ConfigureAwait(false);
            await table.RejectAsync(requestId, bucket, e.Message, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!await table.TryCreateAsync(requestId, bucket, request, cancellationToken).ConfigureAwait(false))
        {
            await log.WriteLineAsync($"{requestId} was already submitted").ConfigureAwait(false);
            return null;
        }

        RunTaskResponse response;
        try
        {
            response = await ecs.RunTaskAsync(RunTask(requestId), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            // Stored but never started: say so in the table, or the request would wait as PENDING for ever.
            await table.MarkFailedAsync(requestId, $"ECS refused RunTask: {e.Message}", cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (response.Tasks.Count == 0)
        {
            var reason = string.Join("; ", response.Failures.Select(f => $"{f.Arn}: {f.Reason}"));
            await table.MarkFailedAsync(requestId, $"ECS could not start the archive task: {reason}", cancellationToken).ConfigureAwait(false);
            throw new HandlerException("LongJob.TaskNotStarted", $"ECS could not start the archive task for {requestId}: {reason}");
        }

        var taskArn = response.Tasks[0].TaskArn;
        await table.MarkRunningAsync(requestId, taskArn, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"{requestId}: {request.Keys.Count} objects, task {taskArn}").ConfigureAwait(false);
        return taskArn;
    }

    private RunTaskRequest RunTask(string requestId) => new()
    {
        Cluster = launch.Cluster,
        TaskDefinition = launch.TaskDefinition,
        LaunchType = "FARGATE",
        Count = 1,
        NetworkConfiguration = launch.Subnets.Count == 0 ? null : new NetworkConfiguration(new AwsVpcConfiguration(launch.Subnets, AssignPublicIp: "ENABLED")),
        Overrides = new TaskOverride(
        [
            new ContainerOverride { Name = LongJobNames.Container, Environment = [new EnvironmentVariable(LongJobNames.RequestIdVariable, requestId)] },
        ]),
    };

    private async Task<byte[]> ReadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
