using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>State machines, executions, activities and tags (in memory: executions do not survive a restart, as processes would not).</summary>
internal sealed class StepFunctionsStore
{
    public ConcurrentDictionary<string, StateMachineRecord> StateMachines { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ExecutionRecord> Executions { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ActivityRecord> Activities { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags by resource ARN (state machines and activities), each kept in the order given.</summary>
    public ConcurrentDictionary<string, List<KeyValuePair<string, string>>> Tags { get; } = new(StringComparer.Ordinal);
}
