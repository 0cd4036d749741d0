using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.Ecs;
using BatchKit.Emulator.Services.StepFunctions;
using BatchKit.StatesLanguage.Executions;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// Executions for the viewer: the list (status filter, search, pages), one execution with its definition, the passes
/// through its states (what the graph and the table show), one pass in full, and the event history in pages.
/// </summary>
internal sealed class ExecutionReadout(ExecutionIndex index, StateVisitCache visits, EcsStore ecs)
{
    /// <summary><c>?stateMachineArn=&amp;status=RUNNING&amp;q=text&amp;offset=&amp;limit=</c>, newest first.</summary>
    public JsonObject List(IQueryCollection query)
    {
        var machine = query["stateMachineArn"].ToString();
        var status = query["status"].ToString();
        var search = query["q"].ToString();
        var names = index.Machines.ToDictionary(m => m.Arn, m => m.Name, StringComparer.Ordinal);
        var matching = index.Started
            .Where(r => machine.Length == 0 || r.StateMachineArn == machine)
            .Where(r => status.Length == 0 || ExecutionJson.Status(r.Execution.Status) == status)
            .Where(r => search.Length == 0 || Matches(r.Execution, search))
            .OrderByDescending(r => r.Execution.StartDate)
            .ToList();
        return ViewerJson.Page(matching, ViewerJson.Paging(query), r => ExecutionJson.Summary(r.Execution, names.GetValueOrDefault(r.StateMachineArn)));
    }

    /// <summary>DescribeExecution plus what the page needs: the definition it runs, its Map Runs, its parent.</summary>
    public JsonObject Describe(string arn)
    {
        var found = index.Execution(arn);
        var e = found.Execution;
        var json = ExecutionJson.Summary(e, found.Machine?.Name, found.MapRun);
        json["input"] = e.Input;
        json["output"] = e.Output;
        json["error"] = e.Error;
        json["cause"] = e.Cause;
        json["definition"] = ExecutionIndex.Definition(found)?.ToJsonString();
        json["mapRuns"] = new JsonArray([.. e.MapRuns.Select(r => (JsonNode)MapRunReadout.Summary(r))]);
        return json;
    }

    /// <summary>
    /// Every pass in order, the latest status of each state by name (what colours the graph), and for each Distributed
    /// Map the statuses of its ItemProcessor's states over all children (what colours the inner graph).
    /// </summary>
    public JsonObject States(string arn)
    {
        var found = index.Execution(arn);
        var passes = visits.Visits(found.Execution);
        var latest = new JsonObject();
        foreach (var (name, visit) in StateVisits.Latest(passes))
        {
            latest[name] = new JsonObject { ["status"] = visit.Status, ["enteredEventId"] = visit.EnteredEventId, ["mapRunArn"] = visit.MapRunArn };
        }

        var processors = new JsonObject();
        foreach (var run in found.Execution.MapRuns)
        {
            processors[run.StateName] = ProcessorCounts(run);
        }

        return new JsonObject
        {
            ["status"] = ExecutionJson.Status(found.Execution.Status),
            ["visits"] = new JsonArray([.. passes.Select(v => (JsonNode)ExecutionJson.Visit(v))]),
            ["latest"] = latest,
            ["processors"] = processors,
        };
    }

    /// <summary>One pass in full: input, output, assigned variables, error and cause, its events and its ECS tasks.</summary>
    public JsonObject State(string arn, long enteredEventId)
    {
        var found = index.Execution(arn);
        var visit = visits.Visits(found.Execution).FirstOrDefault(v => v.EnteredEventId == enteredEventId)
            ?? throw new ServiceErrorException("NotFound", $"No state was entered at event {enteredEventId} of {arn}.", 404);
        var ids = visit.EventIds.ToHashSet();
        var events = visits.History(found.Execution).Where(e => ids.Contains(e.Id));
        var json = ExecutionJson.Visit(visit);
        json["input"] = visit.Input;
        json["output"] = visit.Output;
        json["assignedVariables"] = visit.AssignedVariables?.DeepClone();
        json["cause"] = visit.Cause;
        json["retriedFailures"] = new JsonArray([.. visit.RetriedFailures.Select(f => (JsonNode)new JsonObject { ["error"] = f.Error, ["cause"] = f.Cause })]);
        json["events"] = new JsonArray([.. events.Select(e => (JsonNode)HistoryEventJson.Format(e, includeExecutionData: true))]);
        json["ecsTasks"] = new JsonArray([.. visit.EcsTaskArns.Select(t => ecs.Tasks.GetValueOrDefault(t)).OfType<EcsTask>()
            .Select(t => (JsonNode)TaskReadout.EcsTask(t, withOutput: true))]);
        return json;
    }

    /// <summary>GetExecutionHistory in pages: <c>?offset=&amp;limit=&amp;reverse=true</c>.</summary>
    public JsonObject History(string arn, IQueryCollection query)
    {
        IEnumerable<HistoryEvent> events = visits.History(index.Execution(arn).Execution);
        if (query["reverse"] == "true")
        {
            events = events.Reverse();
        }

        return ViewerJson.Page(events.ToList(), ViewerJson.Paging(query, 100), e => HistoryEventJson.Format(e, includeExecutionData: true));
    }

    /// <summary>Per inner state, how many children are in each status there (by each child's latest pass).</summary>
    private JsonObject ProcessorCounts(MapRunRecord run)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var child in run.Children)
        {
            foreach (var (name, visit) in StateVisits.Latest(visits.Visits(child)))
            {
                var byStatus = counts.TryGetValue(name, out var c) ? c : counts[name] = new Dictionary<string, int>(StringComparer.Ordinal);
                byStatus[visit.Status] = byStatus.GetValueOrDefault(visit.Status) + 1;
            }
        }

        static JsonObject ByStatus(Dictionary<string, int> c) => new(c.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value)));
        return new JsonObject(counts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)ByStatus(p.Value))));
    }

    private static bool Matches(Execution e, string search) =>
        e.Identity.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || e.Input.Contains(search, StringComparison.OrdinalIgnoreCase);
}
