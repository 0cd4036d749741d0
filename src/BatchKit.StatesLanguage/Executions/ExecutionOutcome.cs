namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// An execution's status with what goes with it, read together (under the execution's lock), so a reader never sees
/// SUCCEEDED without its stopDate and output while the execution is finishing.
/// </summary>
public readonly record struct ExecutionOutcome(ExecutionStatus Status, DateTimeOffset? StopDate, string? Output, string? Error, string? Cause);
