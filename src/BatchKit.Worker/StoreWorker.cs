using System.Diagnostics;
using BatchKit.Aws;
using BatchKit.Aws.S3;
using BatchKit.Aws.StepFunctions;
using BatchKit.Sales;

namespace BatchKit.Worker;

/// <summary>
/// One store: stream the object from S3 through the exact aggregator, heartbeat the task token while working, then
/// SendTaskSuccess with the summary or SendTaskFailure with a named error and a cause a person can act on.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
/// </summary>
internal sealed class StoreWorker(IS3Client s3, IStepFunctionsClient stepFunctions, TimeProvider time, TextWriter log)
{
    /// <summary>
    /// Returns the process exit code: 0 the task succeeded, 1 it reported a failure, 3 the workflow stopped waiting
    /// (a heartbeat was refused), so nothing was reported.
    /// </summary>
    public async Task<int> RunAsync(WorkerSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = new PeriodicTimer(settings.HeartbeatInterval, time);
        var heartbeat = HeartbeatAsync(settings, timer, work);
        try
        {
            await log.WriteLineAsync($"batchkit-worker: aggregating s3://{settings.Bucket}/{settings.Key} (policy {settings.Policy})").ConfigureAwait(false);
            if (settings.SimulatedDelay > TimeSpan.Zero)
            {
                await Task.Delay(settings.SimulatedDelay, time, work.Token).ConfigureAwait(false);
            }

            var summary = await AggregateAsync(settings, work.Token).ConfigureAwait(false);

            var output = WorkerOutput.Success(settings.Key, summary, clock.Elapsed);
            await StopHeartbeat(timer, heartbeat).ConfigureAwait(false);
            // Logged before the answer, so the task's log shows what it computed even when the answer is refused.
            await log.WriteLineAsync(
                    $"batchkit-worker: {settings.Key}: {summary.Rows} rows, total {Money.ToText(summary.Total)} in {clock.Elapsed.TotalSeconds:0.00}s")
                .ConfigureAwait(false);
            await stepFunctions.SendTaskSuccessAsync(settings.TaskToken, output, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await heartbeat.ConfigureAwait(false);
            await log.WriteLineAsync($"batchkit-worker: {settings.Key}: abandoned, the workflow no longer waits for this task").ConfigureAwait(false);
            return 3;
        }
        catch (Exception e) when (Classify(e, settings) is { } failure)
        {
            await StopHeartbeat(timer, heartbeat).ConfigureAwait(false);
            await log.WriteLineAsync($"batchkit-worker: {failure.Error}: {failure.Cause}").ConfigureAwait(false);
            await stepFunctions.SendTaskFailureAsync(settings.TaskToken, failure.Error, failure.Cause, cancellationToken).ConfigureAwait(false);
            return 1;
        }
    }

    private async Task<StoreSummary> AggregateAsync(WorkerSettings settings, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(settings.Bucket, settings.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw new S3ReadException(e); // S3's answer, told apart from Step Functions refusing ours
        }

        using (response)
        {
            return await SalesAggregator.AggregateAsync(response.ResponseStream, new SalesAggregatorOptions { Policy = settings.Policy }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static (string Error, string Cause)? Classify(Exception e, WorkerSettings settings) => e switch
    {
        SalesDataException data => (WorkerErrors.InvalidData, $"s3://{settings.Bucket}/{settings.Key}: {data.Message}"),
        S3ReadException s3 => (WorkerErrors.S3Error, $"s3://{settings.Bucket}/{settings.Key}: {s3.Message}"),
        OperationCanceledException => null, // stopped from outside: the task token is no longer ours to answer
        AwsServiceException => null,        // Step Functions itself refused us: nothing to report back to
        _ => (WorkerErrors.Unexpected, $"{e.GetType().Name}: {e.Message}"),
    };

    /// <summary>SendTaskHeartbeat on an interval; if the workflow gave up on the task (timed out), stop working.</summary>
    private async Task HeartbeatAsync(WorkerSettings settings, PeriodicTimer timer, CancellationTokenSource work)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(work.Token).ConfigureAwait(false))
            {
                try
                {
                    await stepFunctions.SendTaskHeartbeatAsync(settings.TaskToken, work.Token).ConfigureAwait(false);
                }
                catch (AwsServiceException e) when (e.ErrorCode is "TaskTimedOut" or "TaskDoesNotExist" or "InvalidToken")
                {
                    await log.WriteLineAsync($"batchkit-worker: the workflow no longer waits for this task ({e.ErrorCode}); stopping").ConfigureAwait(false);
                    await work.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Ends the heartbeat loop by disposing its timer (the wait then returns false), not by cancelling: a cancelled
    /// PeriodicTimer wait throws, and under Native AOT the first exception's stack trace builds and sorts the binary's
    /// method-name map: 38.0 against 34.7 ms of CPU per task (perf stat on the published worker, 3 x 40 runs).
    /// https://learn.microsoft.com/dotnet/api/system.threading.periodictimer.waitfornexttickasync
    /// </summary>
    private static async Task StopHeartbeat(PeriodicTimer timer, Task heartbeat)
    {
        timer.Dispose();
        await heartbeat.ConfigureAwait(false);
    }
}
