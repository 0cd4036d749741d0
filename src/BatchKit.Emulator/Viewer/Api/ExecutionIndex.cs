using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.StepFunctions;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>An execution the viewer found: a started one, or a Distributed Map child with its Map Run.</summary>
internal sealed record FoundExecution(Execution Execution, StateMachineRecord? Machine, MapRunRecord? MapRun);

/// <summary>
/// Finds executions, Map Runs and state machines by ARN in the Step Functions store, including the child executions of
/// Distributed Maps (which ListExecutions reaches only through their Map Run, as on AWS).
/// </summary>
internal sealed class ExecutionIndex(StepFunctionsStore store)
{
    public IEnumerable<ExecutionRecord> Started => store.Executions.Values;

    public IEnumerable<StateMachineRecord> Machines => store.StateMachines.Values;

    public StateMachineRecord Machine(string arn) =>
        store.StateMachines.GetValueOrDefault(arn) ?? throw NotFound($"No state machine {arn} in this emulator.");

    public FoundExecution Execution(string arn)
    {
        if (store.Executions.TryGetValue(arn, out var record))
        {
            return new FoundExecution(record.Execution, store.StateMachines.GetValueOrDefault(record.StateMachineArn), null);
        }

        foreach (var parent in store.Executions.Values)
        {
            foreach (var run in parent.Execution.MapRuns)
            {
                if (run.Children.FirstOrDefault(c => c.Identity.ExecutionArn == arn) is { } child)
                {
                    return new FoundExecution(child, store.StateMachines.GetValueOrDefault(parent.StateMachineArn), run);
                }
            }
        }

        throw NotFound($"No execution {arn} in this emulator.");
    }

    public (MapRunRecord Run, ExecutionRecord Parent) MapRun(string arn)
    {
        foreach (var parent in store.Executions.Values)
        {
            if (parent.Execution.MapRuns.FirstOrDefault(r => r.MapRunArn == arn) is { } run)
            {
                return (run, parent);
            }
        }

        throw NotFound($"No Map Run {arn} in this emulator.");
    }

    /// <summary>
    /// The definition an execution runs: its machine's, or for a Map Run child the Map state's ItemProcessor (or the
    /// older Iterator), found by the Map state's name anywhere in the machine.
    /// </summary>
    public static JsonObject? Definition(FoundExecution found)
    {
        if (found.Machine is null || ViewerJson.ParseOrNull(found.Machine.Definition) is not JsonObject definition)
        {
            return null;
        }

        return found.MapRun is null ? definition : FindProcessor(definition, found.MapRun.StateName);
    }

    private static JsonObject? FindProcessor(JsonObject graph, string mapStateName)
    {
        if (graph["States"] is not JsonObject states)
        {
            return null;
        }

        foreach (var (name, node) in states)
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            var processor = (state["ItemProcessor"] ?? state["Iterator"]) as JsonObject;
            if (name == mapStateName && processor is not null)
            {
                return processor;
            }

            var nested = (processor is null ? null : FindProcessor(processor, mapStateName))
                ?? (state["Branches"] as JsonArray)?.OfType<JsonObject>().Select(b => FindProcessor(b, mapStateName)).FirstOrDefault(p => p is not null);
            if (nested is not null)
            {
                return nested;
            }
        }

        return null;
    }

    private static ServiceErrorException NotFound(string message) => new("NotFound", message, 404);
}
