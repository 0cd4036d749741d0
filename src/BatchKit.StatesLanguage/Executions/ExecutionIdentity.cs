namespace BatchKit.StatesLanguage.Executions;

/// <summary>The names the context object <c>$$.Execution</c> and <c>$$.StateMachine</c> carry.</summary>
public sealed record ExecutionIdentity(string ExecutionArn, string Name, string StateMachineArn, string StateMachineName, string RoleArn);
