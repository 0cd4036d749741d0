using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>An execution the API started, and the machine it belongs to.</summary>
internal sealed record ExecutionRecord(string StateMachineArn, Execution Execution);
