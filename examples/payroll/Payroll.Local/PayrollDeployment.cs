namespace Payroll.Local;

/// <summary>What the payroll deploy created: the names and ARNs the demo and the tests need next.</summary>
public sealed record PayrollDeployment(string Bucket, string StateMachineArn, string TriggerFunctionArn, IReadOnlyDictionary<string, string> FunctionArns);
