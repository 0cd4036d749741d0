using Amazon.S3;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using ScheduledValidation;
using ScheduledValidation.Worker;

// The validation task. Where AWS is comes only from the standard variables (AWS_ENDPOINT_URL, AWS_REGION) and the
// credential chain, so the same program runs on Fargate and under BatchKit's emulator. Exit codes: 0 the file was
// validated and the token answered, 1 it could not be (the token is failed with a named error whenever possible),
// 2 Step Functions refused the answer.
var (settings, problem) = WorkerSettings.From(ProcessEnvironmentVariables.Instance);
using var stepFunctions = new StepFunctionsClient(new AwsClientOptions { Environment = ProcessEnvironmentVariables.Instance });
if (settings is null)
{
    Console.Error.WriteLine("validation-worker: cannot start: " + problem);
    if (Environment.GetEnvironmentVariable(ValidationNames.TaskTokenVariable) is { Length: > 0 } token)
    {
        await stepFunctions.SendTaskFailureAsync(token, ValidationErrors.WorkerConfiguration, problem!);
    }

    return 1;
}

try
{
    using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null });
    return await new FileValidationWorker(s3, stepFunctions, Console.Out).RunAsync(settings, CancellationToken.None);
}
catch (AwsServiceException e)
{
    Console.Error.WriteLine($"validation-worker: Step Functions refused the answer for s3://{settings.Bucket}/{settings.Key}: {e.Message}");
    return 2;
}
