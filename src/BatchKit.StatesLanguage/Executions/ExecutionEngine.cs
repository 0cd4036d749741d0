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

    /// <summary>Activity tasks waiting for workers' GetActivityTask.</summary>
    public ActivityTaskQueue Activities { get; init; } = new();

    /// <summary>Called after every history event of every execution (a live view listens here rather than polling).</summary>
    public Action? HistoryChanged { get; init; }

    /// <summary>Starts an execution; <paramref name="input"/> must be JSON text (the host validates it first).</summary>
    public Execution StartExecution(StateMachineDefinition definition, string input, ExecutionIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var run = new ExecutionRun(identity, time, integration, itemReader, resultWriter, TaskTokens, HistoryChanged) { Activities = Activities };
        return ExecutionLauncher.Launch(run, definition.Graph, JsonText.Parse(input), definition.TimeoutSeconds, inputText: input);
    }

    /// <summary>
    /// RedriveExecution: restarts <paramref name="execution"/> (FAILED, TIMED_OUT or ABORTED; see
    /// <see cref="Execution.RedriveRefusal"/>) from the state it did not finish, on this engine's services (so one
    /// restored after a host restart runs again), keeping its history, Map Runs and the results that succeeded.
    /// False when it is not redrivable. https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
    /// </summary>
    public bool Redrive(Execution execution, StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(definition);
        var run = RunFor(execution);
        if (!execution.BeginRedrive(run, time.GetUtcNow()))
        {
            return false;
        }

        ExecutionLauncher.Redrive(execution, run, definition.Graph, definition.TimeoutSeconds);
        return true;
    }

    /// <summary>A fresh run for a redrive: this engine's services, the execution's history, Map Runs and memo carried over.</summary>
    private ExecutionRun RunFor(Execution execution) =>
        new ExecutionRun(execution.Identity, time, integration, itemReader, resultWriter, TaskTokens, HistoryChanged) { Activities = Activities }
            .WithPastOf(execution.Run);

    /// <summary>
    /// TestState: runs <paramref name="stateName"/> of <paramref name="definition"/> (see
    /// <see cref="StateMachineDefinition.ParseForTest"/>) once with <paramref name="input"/> (JSON text) and the given
    /// workflow variables, and reports its outcome and data flow.
    /// </summary>
    public Task<StateTestResult> TestStateAsync(
        StateMachineDefinition definition, string stateName, string input, JsonObject? variables, ExecutionIdentity identity,
        StateTestSetup? setup = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var run = new ExecutionRun(identity, time, integration, itemReader, resultWriter, TaskTokens)
        {
            Inspection = new StateInspection(),
            TestSetup = setup,
        };
        return StateTester.TestAsync(run, definition, stateName, input, variables, cancellationToken);
    }
}
