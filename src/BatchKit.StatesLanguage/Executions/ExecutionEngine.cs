using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Runs executions of parsed definitions. Time comes from the <see cref="TimeProvider"/> (so Wait states, retries,
/// timeouts and heartbeats are testable without sleeping); Task states go through the host's
/// <see cref="ITaskIntegration"/>; Distributed Map items through its <see cref="IItemReader"/> and results through its
/// <see cref="IResultWriter"/>.
/// </summary>
public sealed class ExecutionEngine(
    TimeProvider time, ITaskIntegration? integration = null, IItemReader? itemReader = null, IResultWriter? resultWriter = null)
{
    /// <summary>The tokens of tasks waiting in <c>.waitForTaskToken</c>; the host's SendTask* operations answer here.</summary>
    public TaskTokenRegistry TaskTokens { get; } = new();

    /// <summary>Starts an execution; <paramref name="input"/> must be JSON text (the host validates it first).</summary>
    public Execution StartExecution(StateMachineDefinition definition, string input, ExecutionIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var run = new ExecutionRun(identity, time, integration, itemReader, resultWriter, TaskTokens);
        return ExecutionLauncher.Launch(run, definition.Graph, JsonText.Parse(input), definition.TimeoutSeconds, inputText: input);
    }

    /// <summary>
    /// TestState: runs <paramref name="stateName"/> of <paramref name="definition"/> (see
    /// <see cref="StateMachineDefinition.ParseForTest"/>) once with <paramref name="input"/> (JSON text) and the given
    /// workflow variables, and reports its outcome and data flow.
    /// </summary>
    public Task<StateTestResult> TestStateAsync(
        StateMachineDefinition definition, string stateName, string input, JsonObject? variables, ExecutionIdentity identity,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var run = new ExecutionRun(identity, time, integration, itemReader, resultWriter, TaskTokens) { Inspection = new StateInspection() };
        return StateTester.TestAsync(run, definition, stateName, input, variables, cancellationToken);
    }
}
