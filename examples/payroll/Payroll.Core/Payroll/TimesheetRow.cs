namespace Payroll;

/// <summary>One employee's line of a period's timesheet.</summary>
public sealed record TimesheetRow(string EmployeeId, string Name, decimal Hours, decimal HourlyRate);
