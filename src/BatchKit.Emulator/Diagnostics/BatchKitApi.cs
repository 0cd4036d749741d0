using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Security;
using BatchKit.Emulator.Services.Ecs;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Diagnostics;

/// <summary>
/// The emulator's own read-outs under <c>/_batchkit/</c>, all in one place (no AWS API has them locally):
/// <list type="bullet">
/// <item><c>GET /_batchkit/health</c>: running, which services it serves, whether records are durable or ephemeral,
/// every file start-up quarantined (moved aside because it could not be read), its clock (now, and the
/// <c>--time-scale</c> it runs at) and its memory (resident, and the managed heap);</item>
/// <item><c>GET /_batchkit/ecs/tasks[?environment=NAME=PREFIX]</c>: every task (or those whose variable NAME starts with
/// PREFIX) with its status, exit code, environment, runtime and output (CloudWatch on AWS);</item>
/// <item><c>GET /_batchkit/ecs/metadata/{taskId}[/task]</c>: the task metadata endpoint v4 a container finds at
/// <c>ECS_CONTAINER_METADATA_URI_V4</c>;</item>
/// <item><c>GET /_batchkit/lambda/logs?function=NAME</c>: a function's runtime output;</item>
/// <item><c>GET /_batchkit/lambda/async-events[?function=NAME]</c>: every asynchronous event accepted, with its attempts;</item>
/// <item><c>GET /_batchkit/lambda/failed-events</c>: asynchronous events that failed every attempt (Lambda's
/// on-failure destination);</item>
/// <item><c>GET /_batchkit/ses/messages</c>: every message SES delivered into the local mailbox, oldest first.</item>
/// </list>
/// </summary>
internal sealed class BatchKitApi(EcsProvider ecs, LambdaProvider lambda, DataDirectory data, Services.Ses.SesStore mail, TimeProvider time)
    : ProtocolHandler
{
    public const string Prefix = "/_batchkit";
    private const string ContentType = "application/json";

    protected override string ClientErrorCode => "InvalidRequest";

    protected override string ServerErrorCode => "InternalError";

    /// <summary>Unsigned (curl and health checks read it), but still loopback-only and never cross-site.</summary>
    protected override ErrorDialect Dialect => ErrorDialect.Json;

    public static bool Serves(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    protected override Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value![Prefix.Length..];
        var query = request.Query;
        return path switch
        {
            "/health" => WriteAsync(context, Health()),
            "/ecs/tasks" => WriteAsync(context, TaskOutputs(query["environment"].ToString())),
            _ when path.StartsWith("/ecs/metadata/", StringComparison.Ordinal) => TaskMetadataAsync(context, path["/ecs/metadata/".Length..]),
            "/lambda/logs" => WriteAsync(context, FunctionLogs(query["function"].ToString())),
            "/lambda/failed-events" => WriteAsync(context, FailedEvents()),
            "/ses/messages" => WriteAsync(context, new JsonObject { ["messages"] = new JsonArray([.. mail.Messages()]) }),
            "/lambda/async-events" => WriteAsync(context, AsyncEvents(query["function"] is { Count: > 0 } f ? f.ToString() : null)),
            _ => throw new ServiceErrorException("NotFound", $"BatchKit's emulator has no read-out at {request.Path}.", 404),
        };
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error) =>
        JsonProtocol.WriteErrorAsync(context.Response, error, ContentType);

    private JsonObject Health() => new()
    {
        ["status"] = "running",
        ["storage"] = data.Durable ? "durable" : "ephemeral",
        ["dataDirectory"] = data.Root,
        ["quarantined"] = new JsonArray([.. data.Quarantined.Select(q => (JsonNode)new JsonObject
        {
            ["path"] = q.OriginalPath, ["movedTo"] = q.QuarantinePath, ["reason"] = q.Reason,
            ["at"] = q.When.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        })]),
        ["clock"] = new JsonObject
        {
            ["now"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["timeScale"] = time is ScaledTimeProvider scaled ? scaled.Scale : 1,
        },
        ["memory"] = Memory(),
        ["services"] = new JsonObject
        {
            ["s3"] = "available", ["ssm"] = "available", ["stepfunctions"] = "available",
            ["ecs"] = "available", ["events"] = "available", ["lambda"] = "available", ["dynamodb"] = "available", ["sqs"] = "available",
            ["sts"] = "available", ["ses"] = "available", ["logs"] = "available",
        },
    };

    /// <summary>
    /// Resident memory now, and the managed heap and the memory the GC had committed at its last collection: what the
    /// resident figure is made of beyond the runtime's own code and data (make bench-pipeline prints the peaks).
    /// https://learn.microsoft.com/dotnet/api/system.gcmemoryinfo
    /// </summary>
    private static JsonObject Memory()
    {
        var gc = GC.GetGCMemoryInfo();
        return new JsonObject
        {
            ["residentBytes"] = Environment.WorkingSet,
            ["gcHeapBytes"] = gc.HeapSizeBytes,
            ["gcCommittedBytes"] = gc.TotalCommittedBytes,
        };
    }

    private JsonObject TaskOutputs(string filter) => filter.Split('=', 2) switch
    {
        [""] => ecs.ListTaskOutputs(null, null),
        [var name, var prefix] => ecs.ListTaskOutputs(name, prefix),
        _ => throw new ServiceErrorException("InvalidRequest", $"environment={filter}: expected NAME=PREFIX."),
    };

    private Task TaskMetadataAsync(HttpContext context, string rest)
    {
        var parts = rest.Trim('/').Split('/');
        var metadata = ecs.TaskMetadata(parts[0], task: parts is [_, "task"]);
        return metadata is null
            ? throw new ServiceErrorException("NotFound", $"No task {parts[0]} in this emulator.", 404)
            : WriteAsync(context, metadata);
    }

    private JsonObject FunctionLogs(string name) => new()
    {
        ["function"] = name,
        ["lines"] = new JsonArray([.. lambda.Runtime(name).LogLines().Select(l => (JsonNode)l)]),
    };

    private JsonObject FailedEvents() => new()
    {
        ["events"] = new JsonArray([.. lambda.Async.FailedEvents.Select(e => (JsonNode)new JsonObject
        {
            ["function"] = e.FunctionName, ["attempts"] = e.Attempts, ["error"] = e.Error, ["event"] = e.Payload,
        })]),
    };

    private JsonObject AsyncEvents(string? function) => new()
    {
        ["events"] = new JsonArray([.. lambda.Async.Events.Where(e => function is null || e.FunctionName == function).Select(e => (JsonNode)new JsonObject
        {
            ["function"] = e.FunctionName,
            ["receivedAt"] = e.ReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = e.Status,
            ["attempts"] = e.Attempts,
            ["event"] = e.Payload,
        })]),
    };

    private static Task WriteAsync(HttpContext context, JsonNode body) => JsonProtocol.WriteAsync(context.Response, body, ContentType);
}
