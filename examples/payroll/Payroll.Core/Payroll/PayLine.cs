namespace Payroll;

/// <summary>One employee's pay for the period, in exact cents.</summary>
public sealed record PayLine(
    string EmployeeId,
    string Name,
    decimal Hours,
    decimal HourlyRate,
    decimal RegularPay,
    decimal OvertimePay,
    decimal Gross,
    decimal Withholding,
    decimal Net);
