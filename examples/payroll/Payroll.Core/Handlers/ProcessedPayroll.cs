using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;

namespace Payroll.Handlers;

/// <summary>
/// What the steps after processData read: the state input's bucket and period, and the pay lines of
/// <c>processed/&lt;period&gt;/payroll.json</c> (the input's <c>processedKey</c>).
/// </summary>
internal sealed record ProcessedPayroll(JsonObject Input, string Bucket, string Period, JsonArray Lines)
{
    public static async Task<ProcessedPayroll> ReadAsync(PayrollBucket bucket, byte[] payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var input = StateInput.Parse(payload);
        var (name, period) = (StateInput.Required(input, "bucket"), StateInput.Required(input, "period"));
        var processed = await bucket.ReadJsonAsync(name, StateInput.Required(input, "processedKey"), cancellationToken).ConfigureAwait(false);
        var lines = processed["lines"] as JsonArray ?? throw new HandlerException(PayrollErrors.InvalidInput, "the processed file has no 'lines' array");
        return new ProcessedPayroll(input, name, period, lines);
    }
}
