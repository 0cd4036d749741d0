using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.Ecs;
using BatchKit.StatesLanguage.Executions;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// What runs outside the state machine: task tokens still waiting for an answer (with their age and last heartbeat),
/// and ECS tasks with their status, exit code, runtime (process or container) and output (CloudWatch Logs on AWS).
/// </summary>
internal sealed class TaskReadout(TaskTokenRegistry tokens, EcsStore ecs, TimeProvider time)
{
    /// <summary>The environment variable the pipeline's worker receives its token in (matched to show which task holds a token).</summary>
    private const string TokenVariable = "TASK_TOKEN";

    public JsonObject WaitingTokens()
    {
        var now = time.GetUtcNow();
        var holders = ecs.Tasks.Values
            .Where(t => t.Environment.ContainsKey(TokenVariable))
            .GroupBy(t => t.Environment[TokenVariable], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.CreatedAt).Last(), StringComparer.Ordinal);
        return new JsonObject
        {
            ["items"] = new JsonArray([.. tokens.Waiting.Select(w => (JsonNode)new JsonObject
            {
                ["token"] = ViewerJson.Preview(w.Token, 24),
                ["executionArn"] = w.ExecutionArn,
                ["stateName"] = w.StateName,
                ["issuedAt"] = ViewerJson.Time(w.IssuedAt),
                ["ageSeconds"] = Math.Round((now - w.IssuedAt).TotalSeconds, 1),
                ["lastHeartbeat"] = ViewerJson.Time(w.LastHeartbeat),
                ["secondsSinceHeartbeat"] = w.LastHeartbeat is { } beat ? Math.Round((now - beat).TotalSeconds, 1) : null,
                ["ecsTaskArn"] = holders.GetValueOrDefault(w.Token)?.TaskArn,
            })]),
        };
    }

    /// <summary><c>?status=RUNNING&amp;q=store_1003&amp;offset=&amp;limit=</c>, newest first; output only in the single-task read.</summary>
    public JsonObject EcsTasks(IQueryCollection query)
    {
        var status = query["status"].ToString();
        var search = query["q"].ToString();
        var tasks = ecs.Tasks.Values
            .Where(t => status.Length == 0 || t.LastStatus == status)
            .Where(t => search.Length == 0 || t.TaskArn.Contains(search, StringComparison.OrdinalIgnoreCase)
                || t.Environment.Values.Any(v => v.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(t => t.CreatedAt)
            .ToList();
        return ViewerJson.Page(tasks, ViewerJson.Paging(query), t => EcsTask(t, withOutput: false));
    }

    public JsonObject EcsTask(string taskId)
    {
        var task = ecs.Tasks.Values.FirstOrDefault(t => t.TaskId == taskId || t.TaskArn == taskId)
            ?? throw new ServiceErrorException("NotFound", $"No ECS task {taskId} in this emulator.", 404);
        return EcsTask(task, withOutput: true);
    }

    public static JsonObject EcsTask(EcsTask t, bool withOutput)
    {
        var json = new JsonObject
        {
            ["taskArn"] = t.TaskArn,
            ["taskId"] = t.TaskId,
            ["taskDefinitionArn"] = t.TaskDefinitionArn,
            ["lastStatus"] = t.LastStatus,
            ["createdAt"] = ViewerJson.Time(t.CreatedAt),
            ["startedAt"] = ViewerJson.Time(t.StartedAt),
            ["stoppedAt"] = ViewerJson.Time(t.StoppedAt),
            ["runtimeMs"] = t.StartedAt is { } started ? ViewerJson.DurationMs(started, t.StoppedAt) : null,
            ["exitCode"] = t.ExitCode,
            ["stoppedReason"] = t.StoppedReason,
            ["stopCode"] = t.StopCode,
            ["runtime"] = t.RuntimeKind,
            ["workload"] = t.WorkloadId,
            ["environment"] = new JsonObject([.. t.Environment.OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => KeyValuePair.Create(v.Key, (JsonNode?)(v.Key == TokenVariable ? ViewerJson.Preview(v.Value, 24) : v.Value)))]),
        };
        if (withOutput)
        {
            json["output"] = t.Output;
        }

        return json;
    }
}
