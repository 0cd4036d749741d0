namespace Payroll;

/// <summary>
/// The error names the handlers fail with. They reach Step Functions as the Lambda error document's errorType, which
/// Retry and Catch match (payroll.asl.json retries <see cref="TimesheetMissing"/>, never <see cref="InvalidTimesheet"/>).
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
/// </summary>
public static class PayrollErrors
{
    /// <summary>The timesheet (or a file the run wrote before) is not in S3 (yet): worth a retry.</summary>
    public const string TimesheetMissing = "Payroll.TimesheetMissing";

    /// <summary>The timesheet is wrong; a retry would fail the same way. The message names the row and field.</summary>
    public const string InvalidTimesheet = "Payroll.InvalidTimesheet";

    /// <summary>The event or state input is not what the handler expects.</summary>
    public const string InvalidInput = "Payroll.InvalidInput";
}
