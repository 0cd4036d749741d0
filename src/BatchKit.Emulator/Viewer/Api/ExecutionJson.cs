using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>How the read API writes executions and state passes (DescribeExecution's names, ISO times).</summary>
internal static class ExecutionJson
{
    /// <summary>DescribeExecution's status names: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED.</summary>
    public static string Status(ExecutionStatus status) => status == ExecutionStatus.TimedOut ? "TIMED_OUT" : status.ToString().ToUpperInvariant();

    public static JsonObject Summary(Execution e, string? stateMachineName, MapRunRecord? mapRun = null)
    {
        var json = new JsonObject
        {
            ["executionArn"] = e.Identity.ExecutionArn,
            ["name"] = e.Identity.Name,
            ["stateMachineArn"] = e.Identity.StateMachineArn,
            ["stateMachineName"] = stateMachineName ?? e.Identity.StateMachineName,
            ["status"] = Status(e.Status),
            ["startDate"] = ViewerJson.Time(e.StartDate),
            ["stopDate"] = ViewerJson.Time(e.StopDate),
            ["durationMs"] = ViewerJson.DurationMs(e.StartDate, e.StopDate),
        };
        if (mapRun is not null)
        {
            json["mapRunArn"] = mapRun.MapRunArn;
            json["parentExecutionArn"] = mapRun.ExecutionArn;
            json["item"] = ItemLabel(e.Input);
        }

        if (e.Error is not null)
        {
            json["error"] = e.Error;
        }

        return json;
    }

    /// <summary>A pass through a state as the table lists it (no payloads: those come with the state's detail).</summary>
    public static JsonObject Visit(StateVisit v) => new()
    {
        ["name"] = v.Name,
        ["type"] = v.Type,
        ["status"] = v.Status,
        ["enteredEventId"] = v.EnteredEventId,
        ["startDate"] = ViewerJson.Time(v.Start),
        ["stopDate"] = ViewerJson.Time(v.End),
        ["durationMs"] = ViewerJson.DurationMs(v.Start, v.End),
        ["attempts"] = v.Attempts,
        ["error"] = v.Error,
        ["mapRunArn"] = v.MapRunArn,
    };

    /// <summary>
    /// What a Map Run child works on, in a few words: the S3 key of its item (ItemReader over listObjectsV2 gives
    /// objects with a Key; an ItemBatcher wraps them in Items), else its input, shortened.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
    /// </summary>
    public static string? ItemLabel(string input)
    {
        var parsed = ViewerJson.ParseOrNull(input);
        var item = parsed is JsonObject batch && batch["Items"] is JsonArray { Count: > 0 } items ? items[0] : parsed;
        return item is JsonObject o && o["Key"] is JsonValue key ? key.ToString() : ViewerJson.Preview(input, 80);
    }
}
