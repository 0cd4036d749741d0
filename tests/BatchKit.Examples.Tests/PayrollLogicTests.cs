using BatchKit.Functions.Runtime;
using Payroll;

namespace BatchKit.Examples.Tests;

/// <summary>The payroll example's pure logic: the timesheet's format, the pay rules' rounding, the names a run uses.</summary>
public sealed class PayrollLogicTests
{
    [Theory]
    [InlineData("id,name,hours,rate\nE1,A,1,1", "line 1: the header must be 'employee_id,name,hours,hourly_rate', not 'id,name,hours,rate'")]
    [InlineData("employee_id,name,hours,hourly_rate\n", "line 1: the timesheet has no employees")]
    [InlineData("employee_id,name,hours,hourly_rate\nE1,A,1", "line 2: expected 4 fields, found 3")]
    [InlineData("employee_id,name,hours,hourly_rate\nE1,A,-3,1", "line 2: hours '-3' is not a non-negative decimal number")]
    [InlineData("employee_id,name,hours,hourly_rate\nE1,A,1,1\n,B,1,1", "line 3: employee_id is empty")]
    [InlineData("employee_id,name,hours,hourly_rate\nE1,A,1,1\nE1,B,1,1", "line 3: employee_id 'E1' appears twice")]
    [InlineData("employee_id,name,hours,hourly_rate\nE1,A,745,1", "line 2: hours 745 is more than a month has (744)")]
    public void A_bad_timesheet_fails_whole_with_the_line_and_problem(string csv, string message)
    {
        var e = Assert.Throws<HandlerException>(() => Timesheet.Parse(csv));

        Assert.Equal(PayrollErrors.InvalidTimesheet, e.ErrorType);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Rows_keep_their_exact_decimals_and_blank_lines_are_skipped()
    {
        var rows = Timesheet.Parse("employee_id,name,hours,hourly_rate\r\nE1, Ada ,160.25,42.125\r\n\r\nE2,Grace,0,1\r\n");

        Assert.Equal([new TimesheetRow("E1", "Ada", 160.25m, 42.125m), new TimesheetRow("E2", "Grace", 0m, 1m)], rows);
    }

    [Fact]
    public void Overtime_is_paid_at_one_and_a_half_past_160_hours_and_each_amount_is_rounded_half_even_once()
    {
        // 160 h x 10.125 = 1620.00; 0.5 h x 10.125 x 1.5 = 7.59375 -> 7.59; gross 1627.59; 20 % = 325.518 -> 325.52.
        var line = PayCalculator.Pay(new TimesheetRow("E1", "Ada", 160.5m, 10.125m));

        Assert.Equal((1620.00m, 7.59m, 1627.59m, 325.52m, 1302.07m), (line.RegularPay, line.OvertimePay, line.Gross, line.Withholding, line.Net));
        Assert.Equal(0.12m, PayCalculator.Cents(0.125m)); // a half goes to the even cent
        Assert.Equal(0.14m, PayCalculator.Cents(0.135m));
    }

    [Theory]
    [InlineData("timesheets/2026-11.csv", "2026-11")]
    [InlineData("timesheets/q4_2026.csv", "q4_2026")]
    [InlineData("timesheets/a/b.csv", null)]
    [InlineData("timesheets/.csv", null)]
    [InlineData("uploads/2026-11.csv", null)]
    [InlineData("timesheets/2026-11.txt", null)]
    public void Only_timesheets_period_csv_names_a_period(string key, string? period) => Assert.Equal(period, PayrollKeys.PeriodOf(key));

    [Fact]
    public void The_execution_name_is_made_of_the_period_and_the_ETag_and_fits_StartExecution()
    {
        Assert.Equal("payroll-2026-11-24767b5ebb85132c5f80370c95c8fbff", PayrollKeys.ExecutionName("2026-11", "\"24767b5ebb85132c5f80370c95c8fbff\""));
        var longName = PayrollKeys.ExecutionName(new string('p', 70), "\"0123456789abcdef0123456789abcdef-12\"");
        Assert.Equal(80, longName.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", longName);
    }
}
