using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>
/// <c>readChunk</c>: the chunk workflow's first step. Input <c>{bucket, file, run, chunk: {index, key, firstLine}}</c>;
/// returns the same with <c>rows: [{line, text}]</c>, the items of the inline Map that validates and prices each row.
/// </summary>
internal sealed class ReadChunkHandler(BatchBucket bucket) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var name = StateInput.Required(input, "bucket");
        var chunk = StateInput.Object(input, "chunk");
        var key = StateInput.Required(chunk, "key");
        IReadOnlyList<(int Line, string Text)> records;
        try
        {
            records = CsvChunks.Records(await bucket.ReadTextAsync(name, key, cancellationToken).ConfigureAwait(false), StateInput.Number(chunk, "firstLine"));
        }
        catch (InvalidDataException e)
        {
            throw new HandlerException(ChunkedCsvErrors.InvalidFile, $"s3://{name}/{key}: {e.Message}", e);
        }

        var output = input.DeepClone().AsObject();
        output["rows"] = new JsonArray([.. records.Select(r => new JsonObject { ["line"] = r.Line, ["text"] = r.Text })]);
        return StateInput.Bytes(output);
    }
}
