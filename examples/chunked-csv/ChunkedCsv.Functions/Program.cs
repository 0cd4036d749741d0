using System.Globalization;
using Amazon.S3;
using BatchKit.Aws.Ses;
using BatchKit.Aws.StepFunctions;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;
using ChunkedCsv.Handlers;

// The chunked-CSV example's bootstrap (provided.al2023). The function's Handler setting arrives as _HANDLER and picks
// one of ChunkedCsvNames.Handlers. Where AWS is comes only from the standard variables, so the same binary runs on AWS
// and in BatchKit's emulator; what a handler needs besides comes from the function's environment, checked at start.
if (LambdaBootstrap.RuntimeApi() is not { } runtimeApi)
{
    return LambdaBootstrap.NotInLambda;
}

var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = endpoint is not null });
var bucket = new BatchBucket(s3);
return await LambdaBootstrap.RunAsync(
    runtimeApi,
    name => name switch
    {
        ChunkedCsvNames.Trigger => new TriggerHandler(new StepFunctionsClient(), Trigger(), Console.Out),
        ChunkedCsvNames.SplitFile => new SplitFileHandler(bucket),
        ChunkedCsvNames.ReadChunk => new ReadChunkHandler(bucket),
        ChunkedCsvNames.ValidateRow => new ValidateRowHandler(),
        ChunkedCsvNames.WriteChunk => new WriteChunkHandler(bucket),
        ChunkedCsvNames.MergeChunks => new MergeChunksHandler(bucket),
        _ => new EmailLinkHandler(s3, new SesClient(), Link(), TimeProvider.System),
    },
    "",
    ChunkedCsvNames.Handlers);

TriggerSettings Trigger()
{
    var size = Environment.GetEnvironmentVariable(ChunkedCsvNames.ChunkSizeVariable) is { Length: > 0 } text ? text : null;
    var chunkSize = CsvChunks.DefaultSize;
    if (size is not null && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out chunkSize) || chunkSize is < 1 or > CsvChunks.MaxSize))
    {
        throw new HandlerException(
            "Runtime.InvalidEntrypoint", $"{ChunkedCsvNames.ChunkSizeVariable} must be a whole number from 1 to {CsvChunks.MaxSize}, got '{size}'.");
    }

    return new TriggerSettings(Required(ChunkedCsvNames.StateMachineArnVariable), chunkSize, Required(ChunkedCsvNames.RecipientVariable));
}

LinkSettings Link() => new(Required(ChunkedCsvNames.SenderVariable), endpoint?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true);

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new HandlerException("Runtime.InvalidEntrypoint", $"{name} is not set: the function's environment must name it.");
