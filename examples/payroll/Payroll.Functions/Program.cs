using Amazon.S3;
using BatchKit.Aws.StepFunctions;
using BatchKit.Functions.Runtime;
using Payroll.Handlers;
using Payroll;

// The payroll example's bootstrap (provided.al2023). The function's Handler setting arrives as _HANDLER and picks one
// of PayrollHandlers.All. Where AWS is comes only from the standard variables, so the same binary runs on AWS and in
// BatchKit's emulator.
var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
if (string.IsNullOrEmpty(runtimeApi))
{
    Console.Error.WriteLine("bootstrap: AWS_LAMBDA_RUNTIME_API is not set: this is a Lambda custom runtime, started by Lambda (or BatchKit's emulator).");
    return 2;
}

using var runtime = new LambdaRuntimeClient(runtimeApi);
using var stop = new CancellationTokenSource();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null });
using var stepFunctions = new StepFunctionsClient();
var bucket = new PayrollBucket(s3);
var handlerName = Environment.GetEnvironmentVariable("_HANDLER") ?? "";
ILambdaHandler handler;
try
{
    handler = handlerName switch
    {
        PayrollHandlers.Trigger => new TriggerHandler(stepFunctions, StateMachineArn(), Console.Out),
        PayrollHandlers.ProcessData => new ProcessDataHandler(bucket),
        PayrollHandlers.GeneratePaystubs => new GeneratePaystubsHandler(bucket),
        PayrollHandlers.GenerateReport => new GenerateReportHandler(bucket),
        PayrollHandlers.Notify => new NotifyHandler(bucket, Console.Out),
        _ => throw new HandlerException(
            "Runtime.HandlerNotFound", $"Handler '{handlerName}' is not one of: {string.Join(", ", PayrollHandlers.All)} (set the function's Handler)."),
    };
}
catch (HandlerException e)
{
    Console.Error.WriteLine($"bootstrap: {e.ErrorType}: {e.Message}");
    await runtime.InitErrorAsync(e.ErrorType, e.Message, stop.Token);
    return 1;
}

try
{
    await new LambdaRuntimeLoop(runtime, handler, Console.Out).RunAsync(stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    // Lambda (or the emulator) is shutting the environment down.
}

return 0;

static string StateMachineArn() =>
    Environment.GetEnvironmentVariable(PayrollHandlers.StateMachineArnVariable) is { Length: > 0 } arn
        ? arn
        : throw new HandlerException("Runtime.InvalidEntrypoint", $"{PayrollHandlers.StateMachineArnVariable} is not set: the trigger needs the state machine to start.");
