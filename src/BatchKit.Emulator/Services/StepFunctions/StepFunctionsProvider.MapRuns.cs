using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// A Distributed Map's Map Runs: listed per execution, described with live counts, updated while they run.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html
/// </summary>
internal sealed partial class StepFunctionsProvider
{
    public JsonObject ListMapRuns(JsonObject request)
    {
        var record = ExecutionOf(Required(request, "executionArn"));
        return Page(request, record.Execution.MapRuns, r => new JsonObject
        {
            ["executionArn"] = r.ExecutionArn,
            ["mapRunArn"] = r.MapRunArn,
            ["stateMachineArn"] = record.StateMachineArn,
            ["startDate"] = Epoch(r.StartDate),
            ["stopDate"] = r.StopDate is { } s ? Epoch(s) : null,
        }, "mapRuns");
    }

    public JsonObject DescribeMapRun(JsonObject request)
    {
        var arn = Required(request, "mapRunArn");
        var run = MapRun(arn);
        var counts = new JsonObject
        {
            ["pending"] = run.Pending,
            ["running"] = run.Running,
            ["succeeded"] = run.Succeeded,
            ["failed"] = run.Failed,
            ["timedOut"] = 0,
            ["aborted"] = 0,
            ["total"] = run.Total,
            ["resultsWritten"] = run.Succeeded + run.Failed,
        };
        return new JsonObject
        {
            ["mapRunArn"] = run.MapRunArn,
            ["executionArn"] = run.ExecutionArn,
            ["status"] = run.Status,
            ["startDate"] = Epoch(run.StartDate),
            ["stopDate"] = run.StopDate is { } s ? Epoch(s) : null,
            ["maxConcurrency"] = run.MaxConcurrency,
            ["toleratedFailurePercentage"] = run.ToleratedFailurePercentage,
            ["toleratedFailureCount"] = run.ToleratedFailureCount,
            ["itemCounts"] = counts,
            ["executionCounts"] = counts.DeepClone(),
        };
    }

    private MapRunRecord MapRun(string mapRunArn) =>
        store.Executions.Values.SelectMany(r => r.Execution.MapRuns).FirstOrDefault(m => m.MapRunArn == mapRunArn)
            ?? throw StepFunctionsErrors.ResourceNotFound(mapRunArn);

    /// <summary>
    /// Changes a Map Run's MaxConcurrency (for the children not started yet) and tolerated failures (for its verdict);
    /// the response is empty, as AWS's. https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html
    /// </summary>
    public JsonObject UpdateMapRun(JsonObject request)
    {
        var arn = Required(request, "mapRunArn");
        if (!MapRunArnPattern().IsMatch(arn))
        {
            throw StepFunctionsErrors.InvalidArn(arn);
        }

        // Types and ranges (maxConcurrency >= 0, 0 <= toleratedFailurePercentage <= 100, toleratedFailureCount >= 0) were
        // checked against botocore's model before the provider runs (ShapeValidator), with AWS's messages.
        MapRun(arn).Update(
            request["maxConcurrency"]?.GetValue<int>(), request["toleratedFailurePercentage"]?.GetValue<double>(),
            request["toleratedFailureCount"]?.GetValue<long>());
        return [];
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:mapRun:.+$")]
    private static partial Regex MapRunArnPattern();
}
