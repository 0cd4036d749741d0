using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>
/// <c>splitFile</c>: the main workflow's first step. Input <c>{execution, request: {bucket, key, chunkSize?, recipient}}</c>;
/// writes <c>work/&lt;run&gt;/chunks/NNNNN.csv</c> (N records each, the header repeated) and returns them as the items
/// of the Map that runs one chunk workflow per chunk. A file without the header fails the run: nothing is processed.
/// </summary>
internal sealed class SplitFileHandler(BatchBucket bucket) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var run = StateInput.Required(input, "execution");
        var request = StateInput.Object(input, "request");
        var (name, key, recipient) = (StateInput.Required(request, "bucket"), StateInput.Required(request, "key"), StateInput.Required(request, "recipient"));
        var size = ChunkSize(request["chunkSize"]);

        IReadOnlyList<CsvChunk> chunks;
        try
        {
            chunks = CsvChunks.Split(await bucket.ReadTextAsync(name, key, cancellationToken).ConfigureAwait(false), size);
        }
        catch (InvalidDataException e)
        {
            throw new HandlerException(ChunkedCsvErrors.InvalidFile, $"s3://{name}/{key}: {e.Message}", e);
        }

        var items = new JsonArray();
        foreach (var chunk in chunks)
        {
            var chunkKey = ChunkedCsvNames.ChunkKey(run, chunk.Index);
            await bucket.WriteCsvAsync(name, chunkKey, chunk.Text, cancellationToken).ConfigureAwait(false);
            items.Add(new JsonObject { ["index"] = chunk.Index, ["key"] = chunkKey, ["firstLine"] = chunk.FirstLine, ["records"] = chunk.Records.Count });
        }

        return StateInput.Bytes(new JsonObject
        {
            ["bucket"] = name, ["file"] = key, ["run"] = run, ["recipient"] = recipient, ["chunkSize"] = size,
            ["records"] = chunks.Sum(c => c.Records.Count), ["chunks"] = items,
        });
    }

    /// <summary>N from the input; <see cref="CsvChunks.DefaultSize"/> when absent.</summary>
    private static int ChunkSize(JsonNode? value) => value switch
    {
        null => CsvChunks.DefaultSize,
        JsonValue v when v.TryGetValue<int>(out var size) && size is >= 1 and <= CsvChunks.MaxSize => size,
        _ => throw new HandlerException(
            ChunkedCsvErrors.InvalidInput, $"chunkSize must be a whole number from 1 to {CsvChunks.MaxSize}, got {value.ToJsonString()}"),
    };
}
