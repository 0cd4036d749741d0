using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Security;
using BatchKit.Emulator.Viewer.Api;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer;

/// <summary>
/// The local execution viewer at <c>http://localhost:4566/_batchkit/</c>: the page and its assets, the read API under
/// <c>/_batchkit/api/</c> (JSON straight from the stores), the live change stream, and the three actions. It is one
/// more protocol handler, so it answers under the same Host and Origin rules and error mapping as every AWS service.
/// </summary>
internal sealed class ViewerHandler : ProtocolHandler, IDisposable
{
    public const string Root = "/_batchkit/";
    private const string ApiPrefix = "/_batchkit/api/";
    private const string ContentType = "application/json";

    private readonly ViewerAssets _assets = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SlackJournal _slack;
    private readonly Dictionary<string, Func<HttpContext, Task<JsonNode?>>> _reads;
    private readonly ExecutionActions _actions;
    private readonly ViewerEventStream _events;

    public ViewerHandler(ViewerSources sources)
    {
        var index = new ExecutionIndex(sources.StepFunctions);
        var visits = new StateVisitCache();
        var executions = new ExecutionReadout(index, visits, sources.Ecs);
        var machines = new StateMachineReadout(index);
        var mapRuns = new MapRunReadout(index, sources.S3);
        var tasks = new TaskReadout(sources.TaskTokens, sources.Ecs, sources.Time);
        var lambda = new LambdaReadout(sources.Lambda);
        var s3 = new S3Readout(sources.S3);
        var ssm = new SsmReadout(sources.Ssm);
        _slack = new SlackJournal(sources.Options.SlackStubUrl);
        _actions = new ExecutionActions(sources.StepFunctionsApi);
        _events = new ViewerEventStream(sources.Changes);
        _reads = new Dictionary<string, Func<HttpContext, Task<JsonNode?>>>(StringComparer.Ordinal)
        {
            ["state-machines"] = _ => Done(machines.List()),
            ["state-machine"] = c => Done(machines.Describe(Arn(c))),
            ["executions"] = c => Done(executions.List(c.Request.Query)),
            ["execution"] = c => Done(executions.Describe(Arn(c))),
            ["execution/states"] = c => Done(executions.States(Arn(c))),
            ["execution/state"] = c => Done(executions.State(Arn(c), EventId(c))),
            ["execution/history"] = c => Done(executions.History(Arn(c), c.Request.Query)),
            ["map-run"] = c => Done(mapRuns.Describe(Arn(c), c.Request.Query)),
            ["task-tokens"] = _ => Done(tasks.WaitingTokens()),
            ["ecs/tasks"] = c => Done(tasks.EcsTasks(c.Request.Query)),
            ["ecs/task"] = c => Done(tasks.EcsTask(ViewerJson.Required(c.Request.Query, "id"))),
            ["lambda/functions"] = _ => Done(lambda.Functions()),
            ["lambda/invocations"] = c => Done(lambda.Invocations(c.Request.Query)),
            ["s3/buckets"] = _ => Done(s3.Buckets()),
            ["s3/objects"] = c => Done(s3.Objects(c.Request.Query)),
            ["s3/preview"] = async c => await s3.PreviewAsync(c.Request.Query, c.RequestAborted).ConfigureAwait(false),
            ["ssm/parameters"] = _ => Done(ssm.Parameters()),
            ["slack/messages"] = async c => await _slack.MessagesAsync(c.RequestAborted).ConfigureAwait(false),
        };
        S3Download = s3.DownloadAsync;
    }

    protected override string ClientErrorCode => "InvalidRequest";

    protected override string ServerErrorCode => "InternalError";

    /// <summary>The viewer answers in JSON, so its Host, Origin and signature refusals do too.</summary>
    protected override ErrorDialect Dialect => ErrorDialect.Json;

    private Func<HttpContext, Task> S3Download { get; }

    /// <summary>The page (<c>/_batchkit</c>, <c>/_batchkit/</c>), its assets and its API; the other /_batchkit read-outs are BatchKitApi's.</summary>
    public static bool Serves(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return path is "/_batchkit" or Root
            || path.StartsWith(ApiPrefix, StringComparison.Ordinal)
            || path.StartsWith(Root + "assets/", StringComparison.Ordinal);
    }

    protected override async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!;
        if (path == "/_batchkit")
        {
            context.Response.Redirect(Root);
            return;
        }

        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            var name = path == Root ? "index.html" : path[(Root.Length + "assets/".Length)..];
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) || !await _assets.TryServeAsync(context, name).ConfigureAwait(false))
            {
                throw new ServiceErrorException("NotFound", $"The viewer has no file {path}.", 404);
            }

            return;
        }

        await ServeApiAsync(context, path[ApiPrefix.Length..]).ConfigureAwait(false);
    }

    private async Task ServeApiAsync(HttpContext context, string route)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && route.StartsWith("actions/", StringComparison.Ordinal))
        {
            await WriteAsync(context, await _actions.RunAsync(route["actions/".Length..], request).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            throw new ServiceErrorException(
                "MethodNotAllowed", $"{request.Method} {request.Path}: the viewer's API reads with GET and acts with POST /_batchkit/api/actions/NAME.", 405);
        }

        switch (route)
        {
            case "events":
                await _events.StreamAsync(context, _stopping.Token).ConfigureAwait(false);
                return;
            case "s3/object":
                await S3Download(context).ConfigureAwait(false);
                return;
            default:
                var read = _reads.GetValueOrDefault(route)
                    ?? throw new ServiceErrorException("NotFound", $"The viewer's API has no read-out {request.Path}.", 404);
                await WriteAsync(context, await read(context).ConfigureAwait(false)).ConfigureAwait(false);
                return;
        }
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error) =>
        JsonProtocol.WriteErrorAsync(context.Response, error, ContentType);

    /// <summary>Ends open event streams, so the server's shutdown does not wait for pages that are still open.</summary>
    public void Stop() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Dispose();
        _slack.Dispose();
    }

    private static Task WriteAsync(HttpContext context, JsonNode? body)
    {
        context.Response.Headers.CacheControl = "no-store";
        return JsonProtocol.WriteAsync(context.Response, body, ContentType);
    }

    private static Task<JsonNode?> Done(JsonNode node) => Task.FromResult<JsonNode?>(node);

    private static string Arn(HttpContext context) => ViewerJson.Required(context.Request.Query, "arn");

    private static long EventId(HttpContext context) =>
        long.TryParse(ViewerJson.Required(context.Request.Query, "event"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ServiceErrorException("InvalidRequest", "The query parameter 'event' must be the id of a StateEntered event.");
}
