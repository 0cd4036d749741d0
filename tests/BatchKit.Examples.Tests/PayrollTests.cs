using System.Text;
using System.Text.Json.Nodes;
using Payroll;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The payroll example end to end: a timesheet uploaded with the real S3 SDK → S3 notification → the trigger Lambda
/// (real bootstrap process) → Step Functions → processData, generatePaystubs, generateReport (each a real Lambda
/// process), and the failure paths: a bad timesheet caught at once and notified, a missing one retried, then notified.
/// </summary>
public sealed class PayrollTests(PayrollExample example) : IClassFixture<PayrollExample>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_uploaded_timesheet_runs_the_three_steps_in_order_and_pays_every_employee_exactly()
    {
        // 160 regular hours, then 1.5x: E2 works 10 overtime hours at 20.00 (300.00); E3's 0.333 h rounds to cents.
        var csv = "employee_id,name,hours,hourly_rate\nE1,Ada,160,25.00\nE2,Grace,170,20.00\nE3,Alan,0.333,30.00\n";

        var name = await example.Run.UploadAsync("2026-10", Encoding.UTF8.GetBytes(csv));
        var execution = await example.Run.WaitAsync(name, Deadline);

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Status} {execution.Error}: {execution.Cause}");
        var history = await ExecutionHistory.ReadAsync(example.StepFunctions, execution.ExecutionArn);
        Assert.Equal(["ProcessData", "GeneratePaystubs", "GenerateReport"], history.StatesEntered);
        var grace = await ReadJsonAsync(PayrollKeys.Paystub("2026-10", "E2"));
        Assert.Equal(("3200.00", "300.00", "3500.00", "700.00", "2800.00"), Amounts(grace));
        var alan = await ReadJsonAsync(PayrollKeys.Paystub("2026-10", "E3"));
        Assert.Equal(("9.99", "0.00", "9.99", "2.00", "7.99"), Amounts(alan));
        Assert.Equal(3, (await example.Run.KeysAsync("paystubs/2026-10/")).Count);
        var report = await ReadJsonAsync(PayrollKeys.Report("2026-10"));
        Assert.Equal("7509.99", report["gross"]!.GetValue<string>());
        Assert.Equal("300.00", report["overtime_pay"]!.GetValue<string>());
        Assert.Equal("1502.00", report["withholding"]!.GetValue<string>());
        Assert.Equal("6007.99", report["net"]!.GetValue<string>());
        Assert.Equal(3, report["paystubs"]!.GetValue<int>());
        var output = JsonNode.Parse(execution.Output!)!;
        Assert.Equal(PayrollKeys.Report("2026-10"), output["reportKey"]!.GetValue<string>());
        Assert.Equal("7509.99", output["gross"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_timesheet_is_caught_without_a_retry_and_the_notification_names_the_line()
    {
        var csv = "employee_id,name,hours,hourly_rate\nE1,Ada,160,25.00\nE2,Grace,many,20.00\n";

        var name = await example.Run.UploadAsync("2026-09", Encoding.UTF8.GetBytes(csv));
        var execution = await example.Run.WaitAsync(name, Deadline);

        Assert.Equal("FAILED", execution.Status);
        Assert.Equal(PayrollErrors.InvalidTimesheet, execution.Error);
        var history = await ExecutionHistory.ReadAsync(example.StepFunctions, execution.ExecutionArn);
        Assert.Equal(["ProcessData", "Notify", "PayrollFailed"], history.StatesEntered);
        Assert.Equal(1, history.TaskAttempts("ProcessData"));
        var notification = await ReadJsonAsync(PayrollKeys.Notification("2026-09"));
        Assert.Equal(PayrollErrors.InvalidTimesheet, notification["error"]!.GetValue<string>());
        Assert.Equal("line 3: hours 'many' is not a non-negative decimal number", notification["message"]!.GetValue<string>());
        Assert.Empty(await example.Run.KeysAsync("paystubs/2026-09/"));
    }

    [Fact]
    public async Task A_missing_timesheet_is_retried_twice_then_notified()
    {
        var input = new JsonObject { ["bucket"] = example.Deployment.Bucket, ["key"] = "timesheets/2026-08.csv", ["period"] = "2026-08" };

        var started = await example.StepFunctions.StartExecutionAsync(example.Deployment.StateMachineArn, "missing-2026-08", input.ToJsonString());
        var execution = await example.Run.WaitAsync("missing-2026-08", Deadline);

        Assert.Equal(started.ExecutionArn, execution.ExecutionArn);
        Assert.Equal("FAILED", execution.Status);
        Assert.Equal(PayrollErrors.TimesheetMissing, execution.Error);
        var history = await ExecutionHistory.ReadAsync(example.StepFunctions, execution.ExecutionArn);
        Assert.Equal(3, history.TaskAttempts("ProcessData")); // the first attempt and MaxAttempts 2
        var notification = await ReadJsonAsync(PayrollKeys.Notification("2026-08"));
        var message = notification["message"]!.GetValue<string>();
        Assert.StartsWith($"s3://{example.Deployment.Bucket}/timesheets/2026-08.csv does not exist", message, StringComparison.Ordinal);
    }

    private async Task<JsonObject> ReadJsonAsync(string key) => JsonNode.Parse(await example.Run.ReadTextAsync(key))!.AsObject();

    private static (string, string, string, string, string) Amounts(JsonObject stub) => (
        stub["regular_pay"]!.GetValue<string>(), stub["overtime_pay"]!.GetValue<string>(), stub["gross"]!.GetValue<string>(),
        stub["withholding"]!.GetValue<string>(), stub["net"]!.GetValue<string>());
}
