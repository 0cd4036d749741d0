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
if (LambdaBootstrap.RuntimeApi() is not { } runtimeApi)
{
    return LambdaBootstrap.NotInLambda;
}

using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null });
using var ssm = new AmazonSimpleSystemsManagementClient(); // the endpoint from AWS_ENDPOINT_URL, as for S3
using var stepFunctions = new StepFunctionsClient();
return await LambdaBootstrap.RunAsync(
    runtimeApi,
    name => name switch
    {
        FunctionHandlers.Summary => new SummaryHandler(s3, Console.Out),
        _ => new UploadHandler(new UploadProcessor(s3, ssm, stepFunctions, ArchiveLimits.FromEnvironment(Environment.GetEnvironmentVariable), Console.Out)),
    },
    FunctionHandlers.Upload,
    FunctionHandlers.All);
