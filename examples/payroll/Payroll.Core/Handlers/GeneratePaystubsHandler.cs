using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;

namespace Payroll.Handlers;

/// <summary>
/// <c>generatePaystubs</c>: one paystub per employee at <c>paystubs/&lt;period&gt;/&lt;employee_id&gt;.json</c>, from the
/// processed pay lines. Writing the same stub twice (a retry) gives the same file.
/// </summary>
internal sealed class GeneratePaystubsHandler(PayrollBucket bucket) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var (input, name, period, lines) = await ProcessedPayroll.ReadAsync(bucket, payload, cancellationToken).ConfigureAwait(false);

        var written = 0;
        foreach (var line in lines)
        {
            var employeeId = line?["employee_id"]?.GetValue<string>()
                ?? throw new HandlerException(PayrollErrors.InvalidInput, "a pay line has no employee_id");
            var stub = line.DeepClone().AsObject();
            stub["period"] = period;
            await bucket.WriteJsonAsync(name, PayrollKeys.Paystub(period, employeeId), stub, cancellationToken).ConfigureAwait(false);
            written++;
        }

        var output = input.DeepClone().AsObject();
        output["paystubs"] = written;
        return StateInput.Bytes(output);
    }
}
