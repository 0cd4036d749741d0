namespace Payroll;

/// <summary>
/// Where the payroll run keeps what it reads and writes in its bucket. An upload is <c>timesheets/&lt;period&gt;.csv</c>;
/// everything after it lives under the period's name, so one period's run never touches another's files.
/// </summary>
public static class PayrollKeys
{
    public const string Timesheets = "timesheets/";

    public static string Processed(string period) => $"processed/{period}/payroll.json";

    public static string Paystub(string period, string employeeId) => $"paystubs/{period}/{employeeId}.json";

    public static string Report(string period) => $"reports/{period}/payroll-report.json";

    public static string Notification(string period) => $"notifications/{period}.json";

    /// <summary>The period of <c>timesheets/2026-11.csv</c> is <c>2026-11</c>; null for a key that is not a timesheet.</summary>
    public static string? PeriodOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(Timesheets, StringComparison.Ordinal) || !key.EndsWith(".csv", StringComparison.Ordinal))
        {
            return null;
        }

        var period = key[Timesheets.Length..^".csv".Length];
        return period.Length > 0 && period.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? period : null;
    }

    /// <summary>The execution an upload starts: at most 80 characters of letters, digits, '-' and '_', as StartExecution requires.</summary>
    public static string ExecutionName(string period, string eTag)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(eTag);
        var tag = new string([.. eTag.Where(char.IsAsciiLetterOrDigit).Take(32)]);
        var name = $"payroll-{period}-{tag}";
        return name.Length <= 80 ? name : name[..80];
    }
}
