using BatchKit.Aws;
using BatchKit.Aws.S3;
using BatchKit.Aws.StepFunctions;
using BatchKit.Worker;

// The Fargate task. Where AWS is comes only from the standard variables (AWS_ENDPOINT_URL[_S3|_SFN], AWS_REGION) and
// the credential chain, so the same binary runs on AWS, under the embedded emulator and on LocalStack.
// Exit codes: 0 the task succeeded, 1 it reported a failure (or could not start), 2 Step Functions refused its
// answer, 3 the workflow stopped waiting for it (a heartbeat was refused).
using var stop = new CancellationTokenSource();
// ECS stops a task with SIGTERM: stop working, and leave the token unanswered (the workflow is already moving on).
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
var environment = ProcessEnvironmentVariables.Instance;

// Every problem with the settings or the AWS environment is one line on stderr, and a named failure for the task
// token whenever there is a token and a way to reach Step Functions: never a stack trace, never a silent wait.
var startup = WorkerStartup.Prepare(environment);
if (startup.Problem is not null)
{
    return await WorkerStartup.FailAsync(startup.Problem, startup.TaskToken, startup.StepFunctions);
}

var settings = startup.Settings!;
var stepFunctions = startup.StepFunctions!;
using (stepFunctions)
{
    try
    {
        // The thin S3 client: AWSSDK.S3's client and credential resolver cost about 60 ms of CPU in every task process.
        return await new StoreWorker(new S3Client(), stepFunctions, TimeProvider.System, Console.Out).RunAsync(settings, stop.Token);
    }
    catch (AwsServiceException e)
    {
        Console.Error.WriteLine($"batchkit-worker: Step Functions refused the answer for s3://{settings.Bucket}/{settings.Key}: {e.Message}");
        return 2;
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        Console.Error.WriteLine($"batchkit-worker: stopped by SIGTERM while working on s3://{settings.Bucket}/{settings.Key}");
        return 143; // 128 + SIGTERM, as a shell reports it
    }
    catch (Exception e) when (e is AwsConfigurationException or HttpRequestException)
    {
        Console.Error.WriteLine($"batchkit-worker: could not reach AWS for s3://{settings.Bucket}/{settings.Key}: {e.Message}");
        return 1;
    }
}
