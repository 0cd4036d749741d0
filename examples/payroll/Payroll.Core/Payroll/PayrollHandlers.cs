namespace Payroll;

/// <summary>The function Handler settings the bootstrap answers to; the deploy step and the CDK stack use the same names.</summary>
public static class PayrollHandlers
{
    public const string Trigger = "trigger";
    public const string ProcessData = "processData";
    public const string GeneratePaystubs = "generatePaystubs";
    public const string GenerateReport = "generateReport";
    public const string Notify = "notify";

    public static IReadOnlyList<string> All { get; } = [Trigger, ProcessData, GeneratePaystubs, GenerateReport, Notify];

    /// <summary>The deployed function of a handler: <c>payroll-processData</c> and so on, locally and on AWS.</summary>
    public static string FunctionName(string handler) => "payroll-" + handler;

    /// <summary>The trigger's environment variable holding the state machine to start.</summary>
    public const string StateMachineArnVariable = "PAYROLL_STATE_MACHINE_ARN";
}
