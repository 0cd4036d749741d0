using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>
/// <c>writeChunk</c>: the chunk workflow's last step. Input <c>{bucket, run, chunk, rows}</c>, where <c>rows</c> is the
/// inline Map's result: a priced row <c>{valid: true, line, order_id, product_id, quantity, unit_price}</c> or
/// <c>{valid: false, line}</c> for one already in the errors table. Writes the priced rows, in line order, to
/// <c>work/&lt;run&gt;/processed/NNNNN.csv</c> and returns <c>{index, processedKey, valid, invalid}</c>.
/// </summary>
internal sealed class WriteChunkHandler(BatchBucket bucket) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var (name, run) = (StateInput.Required(input, "bucket"), StateInput.Required(input, "run"));
        var index = StateInput.Number(StateInput.Object(input, "chunk"), "index");
        var results = StateInput.Array(input, "rows").Select(r => r as JsonObject
            ?? throw new HandlerException(ChunkedCsvErrors.InvalidInput, "a row result is not an object")).ToList();

        var priced = results.Where(r => r["valid"]?.GetValue<bool>() == true).Select(Priced).OrderBy(r => r.Line).ToList();
        var text = new StringBuilder(PricedRow.Header).Append('\n');
        foreach (var row in priced)
        {
            text.Append(row.ToCsv()).Append('\n');
        }

        var key = ChunkedCsvNames.ProcessedKey(run, index);
        await bucket.WriteCsvAsync(name, key, text.ToString(), cancellationToken).ConfigureAwait(false);
        return StateInput.Bytes(new JsonObject
        {
            ["index"] = index, ["processedKey"] = key, ["valid"] = priced.Count, ["invalid"] = results.Count - priced.Count,
        });
    }

    private static PricedRow Priced(JsonObject row)
    {
        try
        {
            return new PricedRow(
                StateInput.Number(row, "line"), StateInput.Required(row, "order_id"), StateInput.Required(row, "product_id"),
                StateInput.Number(row, "quantity"), PricedRow.ParsePrice(StateInput.Required(row, "unit_price")));
        }
        catch (FormatException e)
        {
            throw new HandlerException(ChunkedCsvErrors.InvalidInput, $"line {row["line"]}: unit_price is not a number: {e.Message}", e);
        }
    }
}
