using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.Lambda;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>Lambda functions and their latest invocations, each with its payload, response, duration and log.</summary>
internal sealed class LambdaReadout(LambdaStore store)
{
    public JsonObject Functions() => new()
    {
        ["items"] = new JsonArray([.. store.Functions.Values.OrderBy(r => r.Function.FunctionName, StringComparer.Ordinal).Select(r => (JsonNode)new JsonObject
        {
            ["functionName"] = r.Function.FunctionName,
            ["functionArn"] = r.Function.FunctionArn,
            ["runtime"] = r.Function.Runtime,
            ["handler"] = r.Function.Handler,
            ["timeout"] = r.Function.Timeout,
            ["environments"] = r.EnvironmentCount,
            ["invocations"] = r.RecentInvocations().Count,
        })]),
    };

    /// <summary><c>?function=NAME&amp;offset=&amp;limit=</c>: the latest invocations of one function or of all, newest first.</summary>
    public JsonObject Invocations(IQueryCollection query)
    {
        var function = query["function"].ToString();
        var invocations = store.Functions.Values
            .Where(r => function.Length == 0 || r.Function.FunctionName == function)
            .SelectMany(r => r.RecentInvocations().Select(i => (Function: r.Function.FunctionName, Invocation: i)))
            .OrderByDescending(p => p.Invocation.ReceivedAt)
            .ToList();
        return ViewerJson.Page(invocations, ViewerJson.Paging(query, 20), p => Invocation(p.Function, p.Invocation));
    }

    private static JsonObject Invocation(string function, LambdaInvocation invocation)
    {
        var result = invocation.Result.IsCompletedSuccessfully ? invocation.Result.Result : null;
        return new JsonObject
        {
            ["functionName"] = function,
            ["requestId"] = invocation.RequestId,
            ["receivedAt"] = ViewerJson.Time(invocation.ReceivedAt),
            ["startedAt"] = ViewerJson.Time(invocation.StartedAt),
            ["endedAt"] = ViewerJson.Time(invocation.EndedAt),
            ["durationMs"] = invocation.StartedAt is { } started ? ViewerJson.DurationMs(started, invocation.EndedAt) : null,
            ["status"] = result is null ? "RUNNING" : result.Succeeded ? "SUCCEEDED" : "FAILED",
            ["errorType"] = result?.ErrorType(),
            ["payload"] = ViewerJson.Preview(Encoding.UTF8.GetString(invocation.Payload), 4096),
            ["response"] = result is null ? null : ViewerJson.Preview(Encoding.UTF8.GetString(result.Payload), 4096),
            ["log"] = invocation.LogText,
        };
    }
}
