using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;

namespace Payroll.Handlers;

/// <summary>
/// <c>generateReport</c>: the period's totals (gross, withholding, net, overtime) from the processed pay lines, at
/// <c>reports/&lt;period&gt;/payroll-report.json</c>. Totals are sums of the booked cents, so they always add up.
/// </summary>
internal sealed class GenerateReportHandler(PayrollBucket bucket) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var (input, name, period, lines) = await ProcessedPayroll.ReadAsync(bucket, payload, cancellationToken).ConfigureAwait(false);

        decimal Sum(string field) => lines.Sum(l => PayrollBucket.Money(l?[field]));
        var report = new JsonObject
        {
            ["period"] = period,
            ["employees"] = lines.Count,
            ["gross"] = PayrollBucket.Money(Sum("gross")),
            ["overtime_pay"] = PayrollBucket.Money(Sum("overtime_pay")),
            ["withholding"] = PayrollBucket.Money(Sum("withholding")),
            ["net"] = PayrollBucket.Money(Sum("net")),
            ["paystubs"] = input["paystubs"]?.DeepClone(),
        };
        var reportKey = PayrollKeys.Report(period);
        await bucket.WriteJsonAsync(name, reportKey, report, cancellationToken).ConfigureAwait(false);

        var output = report.DeepClone().AsObject();
        output["reportKey"] = reportKey;
        return StateInput.Bytes(output);
    }
}
