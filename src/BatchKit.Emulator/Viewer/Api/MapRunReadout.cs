using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.S3;
using BatchKit.StatesLanguage.Executions;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// A Map Run as the console's Map Run page shows it: item counts by status, the tolerated failure, the child executions
/// (a status filter, search over their input, pages) and the ResultWriter files.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html
/// </summary>
internal sealed class MapRunReadout(ExecutionIndex index, S3Store s3)
{
    public static JsonObject Summary(MapRunRecord run) => new()
    {
        ["mapRunArn"] = run.MapRunArn,
        ["executionArn"] = run.ExecutionArn,
        ["stateName"] = run.StateName,
        ["status"] = run.Status,
        ["startDate"] = ViewerJson.Time(run.StartDate),
        ["stopDate"] = ViewerJson.Time(run.StopDate),
        ["durationMs"] = ViewerJson.DurationMs(run.StartDate, run.StopDate),
        ["maxConcurrency"] = run.MaxConcurrency,
        ["toleratedFailurePercentage"] = run.ToleratedFailurePercentage,
        ["toleratedFailureCount"] = run.ToleratedFailureCount,
        ["itemCounts"] = new JsonObject
        {
            ["pending"] = run.Pending,
            ["running"] = run.Running,
            ["succeeded"] = run.Succeeded,
            ["failed"] = run.Failed,
            ["total"] = run.Total,
        },
    };

    /// <summary>The run, a page of its children (<c>?status=FAILED&amp;q=store_1003&amp;offset=&amp;limit=</c>) and its result files.</summary>
    public JsonObject Describe(string arn, IQueryCollection query)
    {
        var (run, parent) = index.MapRun(arn);
        var status = query["status"].ToString();
        var search = query["q"].ToString();
        var children = run.Children
            .Where(c => status.Length == 0 || ExecutionJson.Status(c.Status) == status)
            .Where(c => search.Length == 0 || c.Identity.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || c.Input.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var json = Summary(run);
        json["stateMachineArn"] = parent.StateMachineArn;
        json["parentExecutionName"] = parent.Execution.Identity.Name;
        json["children"] = ViewerJson.Page(children, ViewerJson.Paging(query), c => ExecutionJson.Summary(c, null, run));
        json["resultFiles"] = ResultFiles(run);
        return json;
    }

    /// <summary>
    /// ResultWriter writes under <c>Prefix/&lt;map run id&gt;/</c> (manifest.json, SUCCEEDED_n.json, FAILED_n.json): the
    /// objects of any bucket in a folder named after this run.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
    /// </summary>
    private JsonArray ResultFiles(MapRunRecord run)
    {
        var runId = run.MapRunArn[(run.MapRunArn.LastIndexOf(':') + 1)..];
        var folder = "/" + runId + "/";
        var files = new JsonArray();
        foreach (var bucket in s3.BucketNames)
        {
            foreach (var o in s3.List(bucket, "", null).Where(o => ("/" + o.Key).Contains(folder, StringComparison.Ordinal)))
            {
                files.Add((JsonNode)new JsonObject { ["bucket"] = bucket, ["key"] = o.Key, ["size"] = o.Size, ["eTag"] = o.ETag });
            }
        }

        return files;
    }
}
