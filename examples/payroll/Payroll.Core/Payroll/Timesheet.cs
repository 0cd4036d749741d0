using System.Globalization;
using BatchKit.Functions.Runtime;

namespace Payroll;

/// <summary>
/// A period's timesheet CSV: the header <c>employee_id,name,hours,hourly_rate</c>, then one row per employee. Values
/// hold no commas or quotes (ids, names and numbers); a bad row fails the whole file with its line number and field,
/// so a payroll is never paid from half a file.
/// </summary>
internal static class Timesheet
{
    public const string Header = "employee_id,name,hours,hourly_rate";

    /// <summary>The most hours one period can hold; more is a typo, not a timesheet.</summary>
    public const decimal MaxHours = 744m; // 31 days x 24 h

    public static IReadOnlyList<TimesheetRow> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines[0].Trim() != Header)
        {
            throw Invalid(1, $"the header must be '{Header}', not '{lines[0].Trim()}'");
        }

        var rows = new List<TimesheetRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var row = ParseRow(i + 1, lines[i]);
            if (!ids.Add(row.EmployeeId))
            {
                throw Invalid(i + 1, $"employee_id '{row.EmployeeId}' appears twice");
            }

            rows.Add(row);
        }

        return rows.Count > 0 ? rows : throw Invalid(1, "the timesheet has no employees");
    }

    private static TimesheetRow ParseRow(int line, string text)
    {
        var fields = text.Split(',');
        if (fields.Length != 4)
        {
            throw Invalid(line, $"expected 4 fields, found {fields.Length}");
        }

        var id = fields[0].Trim();
        var name = fields[1].Trim();
        if (id.Length == 0 || name.Length == 0)
        {
            throw Invalid(line, id.Length == 0 ? "employee_id is empty" : "name is empty");
        }

        var hours = Number(line, "hours", fields[2]);
        var rate = Number(line, "hourly_rate", fields[3]);
        if (hours > MaxHours)
        {
            throw Invalid(line, $"hours {hours} is more than a month has ({MaxHours})");
        }

        return new TimesheetRow(id, name, hours, rate);
    }

    private static decimal Number(int line, string field, string text)
    {
        var trimmed = text.Trim();
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid(line, $"{field} '{trimmed}' is not a non-negative decimal number");
        }

        return value;
    }

    private static HandlerException Invalid(int line, string problem) =>
        new(PayrollErrors.InvalidTimesheet, $"line {line}: {problem}");
}
