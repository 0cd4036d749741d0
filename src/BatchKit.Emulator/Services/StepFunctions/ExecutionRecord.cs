using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// An execution the API started, and the machine it belongs to; when started through a version or an alias, their
/// ARNs, and in <see cref="Definition"/> the version's definition (so a redrive runs the same definition).
/// </summary>
internal sealed record ExecutionRecord(
    string StateMachineArn, Execution Execution, StateMachineDefinition? Definition = null, string? VersionArn = null, string? AliasArn = null);
