namespace Payroll;

/// <summary>
/// The example's pay rules, kept small and exact: hours up to <see cref="RegularHours"/> at the hourly rate, the rest
/// at <see cref="OvertimeFactor"/> times it, a flat <see cref="WithholdingRate"/> withheld. Amounts are exact
/// decimals, rounded half-even to cents once per amount (as a payroll ledger books them).
/// </summary>
internal static class PayCalculator
{
    public const decimal RegularHours = 160m;
    public const decimal OvertimeFactor = 1.5m;
    public const decimal WithholdingRate = 0.2m;

    public static PayLine Pay(TimesheetRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var regularHours = Math.Min(row.Hours, RegularHours);
        var overtimeHours = row.Hours - regularHours;
        var regular = Cents(regularHours * row.HourlyRate);
        var overtime = Cents(overtimeHours * row.HourlyRate * OvertimeFactor);
        var gross = regular + overtime;
        var withholding = Cents(gross * WithholdingRate);
        return new PayLine(row.EmployeeId, row.Name, row.Hours, row.HourlyRate, regular, overtime, gross, withholding, gross - withholding);
    }

    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.ToEven);
}
