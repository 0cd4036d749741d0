using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// Reads an execution's history into the passes through its states, the way the console's graph and table view do.
/// Events are attributed by their previousEventId chain (TaskScheduled follows TaskStateEntered, and so on); Map and
/// Parallel bookkeeping events (MapRunStarted, MapIterationSucceeded, ParallelStateStarted) belong to the innermost open
/// state of that type, and Exited events name their state. A failure followed by a new Scheduled event was retried.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
/// </summary>
internal static class StateVisits
{
    private const string EnteredSuffix = "StateEntered";
    private const string ExitedSuffix = "StateExited";

    public static List<StateVisit> Read(IReadOnlyList<HistoryEvent> history)
    {
        var visits = new List<StateVisit>();
        var owners = new Dictionary<long, StateVisit>();
        foreach (var e in history)
        {
            if (e.Type.EndsWith(EnteredSuffix, StringComparison.Ordinal))
            {
                var details = e.Details;
                var visit = new StateVisit(Text(details, "name") ?? "?", e.Type[..^EnteredSuffix.Length], e.Id, e.Timestamp, Text(details, "input"));
                visit.EventIds.Add(e.Id);
                visits.Add(visit);
                owners[e.Id] = visit;
            }
            else if (e.Type.StartsWith("Execution", StringComparison.Ordinal))
            {
                EndExecution(visits, e);
            }
            else if (Owner(visits, owners, e) is { } owner)
            {
                owners[e.Id] = owner;
                owner.EventIds.Add(e.Id);
                Apply(owner, e);
            }
        }

        return visits;
    }

    /// <summary>The latest pass of each state, by name: what the graph colours a state with.</summary>
    public static Dictionary<string, StateVisit> Latest(IEnumerable<StateVisit> visits)
    {
        var latest = new Dictionary<string, StateVisit>(StringComparer.Ordinal);
        foreach (var visit in visits)
        {
            latest[visit.Name] = visit;
        }

        return latest;
    }

    private static StateVisit? Owner(List<StateVisit> visits, Dictionary<long, StateVisit> owners, HistoryEvent e)
    {
        if (e.Type.EndsWith(ExitedSuffix, StringComparison.Ordinal))
        {
            var name = Text(e.Details, "name");
            return visits.FindLast(v => v.End is null && v.Name == name);
        }

        foreach (var container in (ReadOnlySpan<string>)["Map", "Parallel"])
        {
            if (e.Type.StartsWith(container, StringComparison.Ordinal))
            {
                return visits.FindLast(v => v.End is null && v.Type == container);
            }
        }

        return owners.GetValueOrDefault(e.PreviousEventId) ?? visits.FindLast(v => v.End is null);
    }

    private static void Apply(StateVisit visit, HistoryEvent e)
    {
        var type = e.Type;
        if (type.EndsWith(ExitedSuffix, StringComparison.Ordinal))
        {
            var details = e.Details;
            visit.End = e.Timestamp;
            visit.Output = Text(details, "output");
            visit.AssignedVariables = details?["assignedVariables"]?.AsObject();
            visit.Status = visit.Error is null ? StateVisit.Succeeded : StateVisit.Caught;
        }
        else if (type.EndsWith("Scheduled", StringComparison.Ordinal))
        {
            if (visit.Status == StateVisit.Failed)
            {
                visit.RetriedFailures.Add((visit.Error, visit.Cause));
                (visit.Error, visit.Cause, visit.Status) = (null, null, StateVisit.Running);
            }

            visit.Attempts++;
        }
        else if (type == "MapRunStarted")
        {
            visit.MapRunArn = Text(e.Details, "mapRunArn");
        }
        else if (type is "TaskSubmitted" or "TaskSucceeded")
        {
            visit.EcsTaskArns.AddRange(EcsTaskArns(Text(e.Details, "output")).Where(a => !visit.EcsTaskArns.Contains(a)));
        }
        else if (IsFailure(type) && e.Details is { } failure)
        {
            visit.Status = StateVisit.Failed;
            visit.Error = Text(failure, "error") ?? visit.Error;
            visit.Cause = Text(failure, "cause") ?? visit.Cause;
        }
    }

    /// <summary>The execution ended: passes still open end with it, the innermost taking its error and cause.</summary>
    private static void EndExecution(List<StateVisit> visits, HistoryEvent e)
    {
        var status = e.Type switch
        {
            "ExecutionFailed" => StateVisit.Failed,
            "ExecutionAborted" => StateVisit.Aborted,
            "ExecutionTimedOut" => StateVisit.TimedOut,
            _ => null,
        };
        if (status is null)
        {
            return;
        }

        var details = e.Details;
        var innermost = true;
        foreach (var visit in Enumerable.Reverse(visits).Where(v => v.IsOpen))
        {
            visit.End = e.Timestamp;
            visit.Status = status;
            if (innermost && visit.Error is null && details is not null)
            {
                visit.Error = Text(details, "error");
                visit.Cause = Text(details, "cause");
            }

            innermost = false;
        }
    }

    private static bool IsFailure(string type) =>
        type.EndsWith("Failed", StringComparison.Ordinal)
        || type.EndsWith("TimedOut", StringComparison.Ordinal)
        || type.EndsWith("Aborted", StringComparison.Ordinal);

    /// <summary>
    /// The task ARNs of an ecs:runTask response (<c>Tasks[].TaskArn</c>), or of the task a <c>.sync</c> run returns
    /// (<c>TaskArn</c>), if the output is one. https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
    /// </summary>
    private static IEnumerable<string> EcsTaskArns(string? output)
    {
        if (output is null || !output.Contains("TaskArn", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        try
        {
            if (JsonNode.Parse(output) is not JsonObject response)
            {
                return [];
            }

            IEnumerable<JsonNode?> tasks = (IEnumerable<JsonNode?>?)(response["Tasks"] as JsonArray) ?? [response];
            return [.. tasks.Select(t => t?["TaskArn"]).OfType<JsonValue>().Select(v => v.ToString())];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonObject? details, string field) =>
        details?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
