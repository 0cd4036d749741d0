using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>State machines and executions (in memory: executions do not survive a restart, as processes would not).</summary>
internal sealed class StepFunctionsStore
{
    public ConcurrentDictionary<string, StateMachineRecord> StateMachines { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ExecutionRecord> Executions { get; } = new(StringComparer.Ordinal);
}
