using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>
/// <c>validateRow</c>: one iteration of the chunk workflow's inline Map. Input <c>{line, text, ...}</c>; returns the
/// input with <c>valid</c> and either the parsed <c>order_id, product_id, quantity</c> or the <c>reason</c> the row is
/// invalid, on which the workflow's Choice sends it to the price lookup or to the errors table.
/// </summary>
internal sealed class ValidateRowHandler : ILambdaHandler
{
    public Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var line = StateInput.Number(input, "line");
        var text = input["text"] is JsonValue value && value.TryGetValue<string>(out var t)
            ? t
            : throw new HandlerException(ChunkedCsvErrors.InvalidInput, "the input has no string field 'text'");

        var (row, reason) = OrderRow.Parse(line, text);
        var output = input.DeepClone().AsObject();
        output["valid"] = row is not null;
        if (row is null)
        {
            output["reason"] = reason;
        }
        else
        {
            output["order_id"] = row.OrderId;
            output["product_id"] = row.ProductId;
            output["quantity"] = row.Quantity;
        }

        return Task.FromResult(StateInput.Bytes(output));
    }
}
