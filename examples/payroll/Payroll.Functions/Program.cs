using Amazon.S3;
using BatchKit.Aws.StepFunctions;
using BatchKit.Functions.Runtime;
using Payroll;
using Payroll.Handlers;

// The payroll example's bootstrap (provided.al2023). The function's Handler setting arrives as _HANDLER and picks one
// of PayrollHandlers.All. Where AWS is comes only from the standard variables, so the same binary runs on AWS and in
// BatchKit's emulator.
if (LambdaBootstrap.RuntimeApi() is not { } runtimeApi)
{
    return LambdaBootstrap.NotInLambda;
}

using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null });
using var stepFunctions = new StepFunctionsClient();
var bucket = new PayrollBucket(s3);
return await LambdaBootstrap.RunAsync(
    runtimeApi,
    name => name switch
    {
        PayrollHandlers.Trigger => new TriggerHandler(stepFunctions, StateMachineArn(), Console.Out),
        PayrollHandlers.ProcessData => new ProcessDataHandler(bucket),
        PayrollHandlers.GeneratePaystubs => new GeneratePaystubsHandler(bucket),
        PayrollHandlers.GenerateReport => new GenerateReportHandler(bucket),
        _ => new NotifyHandler(bucket, Console.Out),
    },
    "",
    PayrollHandlers.All);

static string StateMachineArn() =>
    Environment.GetEnvironmentVariable(PayrollHandlers.StateMachineArnVariable) is { Length: > 0 } arn
        ? arn
        : throw new HandlerException(
            "Runtime.InvalidEntrypoint", $"{PayrollHandlers.StateMachineArnVariable} is not set: the trigger needs the state machine to start.");
