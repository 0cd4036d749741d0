using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;

namespace Payroll.Handlers;

/// <summary>
/// <c>processData</c>: reads the period's timesheet, pays every employee and writes the pay lines to
/// <c>processed/&lt;period&gt;/payroll.json</c>. Input <c>{bucket, key, period}</c>; output adds the processed key and totals.
/// </summary>
internal sealed class ProcessDataHandler(PayrollBucket bucket) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var (name, key, period) = (StateInput.Required(input, "bucket"), StateInput.Required(input, "key"), StateInput.Required(input, "period"));
        var lines = Timesheet.Parse(await bucket.ReadTextAsync(name, key, cancellationToken).ConfigureAwait(false)).Select(PayCalculator.Pay).ToList();

        var processedKey = PayrollKeys.Processed(period);
        var document = new JsonObject
        {
            ["period"] = period,
            ["source"] = key,
            ["lines"] = new JsonArray([.. lines.Select(ToJson)]),
        };
        await bucket.WriteJsonAsync(name, processedKey, document, cancellationToken).ConfigureAwait(false);
        return StateInput.Bytes(new JsonObject
        {
            ["bucket"] = name,
            ["key"] = key,
            ["period"] = period,
            ["processedKey"] = processedKey,
            ["employees"] = lines.Count,
        });
    }

    public static JsonObject ToJson(PayLine line) => new()
    {
        ["employee_id"] = line.EmployeeId,
        ["name"] = line.Name,
        ["hours"] = line.Hours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["hourly_rate"] = PayrollBucket.Money(line.HourlyRate),
        ["regular_pay"] = PayrollBucket.Money(line.RegularPay),
        ["overtime_pay"] = PayrollBucket.Money(line.OvertimePay),
        ["gross"] = PayrollBucket.Money(line.Gross),
        ["withholding"] = PayrollBucket.Money(line.Withholding),
        ["net"] = PayrollBucket.Money(line.Net),
    };
}
