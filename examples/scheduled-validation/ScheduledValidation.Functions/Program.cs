using Amazon.S3;
using BatchKit.Functions.Runtime;
using ScheduledValidation;
using ScheduledValidation.Handlers;

// The scheduled-validation example's bootstrap (provided.al2023): the `prepare` handler. Where AWS is comes only from
// the standard variables, so the same binary runs on AWS and in BatchKit's emulator.
if (LambdaBootstrap.RuntimeApi() is not { } runtimeApi)
{
    return LambdaBootstrap.NotInLambda;
}

using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null });
return await LambdaBootstrap.RunAsync(runtimeApi, _ => new PrepareHandler(s3), ValidationNames.Prepare, ValidationNames.Handlers);
