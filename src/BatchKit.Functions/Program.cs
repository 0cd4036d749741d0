using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using BatchKit.Aws.StepFunctions;
using BatchKit.Contracts.Functions;
using BatchKit.Functions.Runtime;
using BatchKit.Functions.Summary;
using BatchKit.Functions.Upload;

// The Lambda's bootstrap (provided.al2023). The function's Handler setting arrives as _HANDLER: `upload` (the S3
// trigger) or `summary` (the workflow's last step). Where AWS is comes only from the standard variables and chains,
// so the same binary runs on AWS, in the embedded emulator and on LocalStack.
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

var handlerName = Environment.GetEnvironmentVariable("_HANDLER") is { Length: > 0 } h ? h : FunctionHandlers.Upload;
using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null });
using var ssm = new AmazonSimpleSystemsManagementClient(); // the endpoint from AWS_ENDPOINT_URL, as for S3
using var stepFunctions = new StepFunctionsClient();
ILambdaHandler handler;
try
{
    handler = handlerName switch
    {
        FunctionHandlers.Upload => new UploadHandler(new UploadProcessor(s3, ssm, stepFunctions, ArchiveLimits.FromEnvironment(Environment.GetEnvironmentVariable), Console.Out)),
        FunctionHandlers.Summary => new SummaryHandler(s3, Console.Out),
        _ => throw new HandlerException(
            "Runtime.HandlerNotFound", $"Handler '{handlerName}' is not one of: {string.Join(", ", FunctionHandlers.All)} (set the function's Handler)."),
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
