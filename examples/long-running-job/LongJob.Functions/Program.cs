using Amazon.DynamoDBv2;
using Amazon.S3;
using BatchKit.Aws.Ecs;
using BatchKit.Functions.Runtime;
using LongJob.Handlers;
using LongJob.Jobs;

// The long-running-job example's bootstrap (provided.al2023). Where AWS is comes only from the standard variables, so
// the same binary runs on AWS and in BatchKit's emulator; what to start comes from the function's environment.
if (LambdaBootstrap.RuntimeApi() is not { } runtimeApi)
{
    return LambdaBootstrap.NotInLambda;
}

using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is not null });
using var dynamoDb = new AmazonDynamoDBClient();
using var ecs = new EcsClient();
return await LambdaBootstrap.RunAsync(
    runtimeApi,
    _ => new SubmitHandler(s3, new JobTable(dynamoDb, Required(LongJobNames.TableVariable), TimeProvider.System), ecs, Launch(), Console.Out),
    LongJobNames.SubmitHandler,
    [LongJobNames.SubmitHandler]);

static TaskLaunch Launch() => new(
    Required(LongJobNames.ClusterVariable),
    Required(LongJobNames.TaskDefinitionVariable),
    (Environment.GetEnvironmentVariable(LongJobNames.SubnetsVariable) ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new HandlerException("Runtime.InvalidEntrypoint", $"{name} is not set: the submit function needs it (the stack sets it).");
