using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>
/// <c>mergeChunks</c>: after every chunk workflow succeeded, joins their processed chunks in chunk order into one CSV
/// with one header at <c>output/&lt;the input's path&gt;</c>. Input <c>{bucket, file, chunks: [{index, processedKey, valid,
/// invalid}]}</c>; returns <c>{outputKey, rows, invalid}</c>.
/// </summary>
internal sealed class MergeChunksHandler(BatchBucket bucket) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var (name, file) = (StateInput.Required(input, "bucket"), StateInput.Required(input, "file"));
        var chunks = StateInput.Array(input, "chunks")
            .Select(c => c as JsonObject ?? throw new HandlerException(ChunkedCsvErrors.InvalidInput, "a chunk result is not an object"))
            .OrderBy(c => StateInput.Number(c, "index"))
            .ToList();

        var merged = new StringBuilder(PricedRow.Header).Append('\n');
        var (rows, invalid) = (0, 0);
        foreach (var chunk in chunks)
        {
            var key = StateInput.Required(chunk, "processedKey");
            var text = await bucket.ReadTextAsync(name, key, cancellationToken).ConfigureAwait(false);
            var body = text.StartsWith(PricedRow.Header + "\n", StringComparison.Ordinal)
                ? text[(PricedRow.Header.Length + 1)..]
                : throw new HandlerException(ChunkedCsvErrors.InvalidFile, $"s3://{name}/{key} does not start with the header {PricedRow.Header}");
            merged.Append(body);
            rows += StateInput.Number(chunk, "valid");
            invalid += StateInput.Number(chunk, "invalid");
        }

        var outputKey = ChunkedCsvNames.OutputKey(file);
        await bucket.WriteCsvAsync(name, outputKey, merged.ToString(), cancellationToken).ConfigureAwait(false);
        return StateInput.Bytes(new JsonObject { ["outputKey"] = outputKey, ["rows"] = rows, ["invalid"] = invalid });
    }
}
