using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// An execution the API started, and the machine it belongs to; <see cref="Definition"/> is the definition it runs when
/// that is not the machine's current one (a version's), so a redrive runs the same definition.
/// </summary>
internal sealed record ExecutionRecord(string StateMachineArn, Execution Execution, StateMachineDefinition? Definition = null);
