using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Services.Ecs;
using BatchKit.Emulator.Services.EventBridge;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Services.S3;
using BatchKit.Emulator.Services.Ssm;
using BatchKit.Emulator.Services.StepFunctions;
using BatchKit.StatesLanguage.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BatchKit.Emulator;

/// <summary>
/// The emulator as a running endpoint: every service on one port (like LocalStack), JSON-protocol calls routed by
/// X-Amz-Target, everything else to S3. Start it in-process (tests, the CLI) or from Program.cs.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EcsTaskRunner _tasks;
    private readonly LambdaProvider _lambda;
    private readonly WorkloadRuntimes _runtimes;

    private EmulatorHost(WebApplication app, EcsTaskRunner tasks, LambdaProvider lambda, WorkloadRuntimes runtimes, Uri serviceUrl)
    {
        _app = app;
        _tasks = tasks;
        _lambda = lambda;
        _runtimes = runtimes;
        ServiceUrl = serviceUrl;
    }

    /// <summary>The endpoint to give SDKs and the CLI, e.g. http://127.0.0.1:4566 (an IP literal keeps S3 path-style).</summary>
    public Uri ServiceUrl { get; }

    /// <summary>
    /// Starts the emulator. Throws <see cref="ContainerEngineUnavailableException"/> when a container runtime was asked
    /// for and no Docker engine answers.
    /// </summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runtimes = await WorkloadRuntimes.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = null); // multipart parts and 64 MB objects
        builder.WebHost.UseUrls($"http://{options.BindAddress}:{options.Port}");

        var time = TimeProvider.System;
        var s3 = new S3Store(options);
        var endpoint = new EmulatorEndpoint();
        var tasks = new EcsTaskRunner(runtimes.Ecs, endpoint, options, time);
        var ecs = new EcsProvider(new EcsStore(), tasks, options, time);
        var events = new EventBridgeProvider(new EventBridgeStore(), options, time);
        var lambda = new LambdaProvider(new LambdaStore(), new FunctionCode(s3, options), runtimes.Lambda, endpoint, options, time);
        StepFunctionsProvider? stepFunctions = null;
        var engine = new ExecutionEngine(time, new ServiceIntegrations(ecs, events, lambda, () => stepFunctions!), new S3ItemReader(s3));
        stepFunctions = new StepFunctionsProvider(new StepFunctionsStore(), options, time, engine);
        var router = new RequestRouter(
            new S3Provider(s3, new S3EventNotifier(options, () => lambda, time), options),
            lambda,
            ecs,
            [new SsmProvider(new SsmStore(), options, time), stepFunctions, ecs, events]);
        builder.Services.AddSingleton(router);

        var app = builder.Build();
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.Bind(new Uri(address));
        return new EmulatorHost(app, tasks, lambda, runtimes, endpoint.Url);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _tasks.DisposeAsync().ConfigureAwait(false); // stops every task process it started, by pid
        await _lambda.DisposeAsync().ConfigureAwait(false); // and every Lambda execution environment
        await _runtimes.DisposeAsync().ConfigureAwait(false); // and removes any container of this emulator left
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Picks the service and turns every failure into that service's error shape.</summary>
    private sealed class RequestRouter(S3Provider s3, LambdaProvider lambda, EcsProvider ecs, IReadOnlyList<IJsonService> jsonServices)
    {
        private const string HealthPath = "/_batchkit/health";

        public async Task HandleAsync(HttpContext context)
        {
            var request = context.Request;
            if (request.Path == HealthPath)
            {
                await JsonProtocol.WriteAsync(context.Response, new JsonObject
                {
                    ["status"] = "running",
                    ["services"] = new JsonObject { ["s3"] = "available", ["ssm"] = "available", ["stepfunctions"] = "available", ["ecs"] = "available", ["events"] = "available", ["lambda"] = "available" },
                }, "application/json").ConfigureAwait(false);
                return;
            }

            var target = request.Headers["X-Amz-Target"].ToString();
            if (target.Length > 0)
            {
                await HandleJsonAsync(context, target).ConfigureAwait(false);
                return;
            }

            if (LambdaProvider.Serves(request))
            {
                await HandleLambdaAsync(context, lambda.HandleAsync).ConfigureAwait(false);
                return;
            }

            if (request.Path == "/_batchkit/ecs/tasks")
            {
                var prefix = request.Query["s3KeyPrefix"].ToString();
                await JsonProtocol.WriteAsync(context.Response, ecs.ListTaskOutputs(prefix.Length == 0 ? null : prefix), "application/json").ConfigureAwait(false);
                return;
            }

            if (request.Path.StartsWithSegments("/_batchkit/ecs/metadata", StringComparison.Ordinal, out var rest))
            {
                var parts = rest.Value!.Trim('/').Split('/');
                var metadata = ecs.TaskMetadata(parts[0], task: parts is [_, "task"]);
                await JsonProtocol.WriteAsync(context.Response, metadata ?? new JsonObject { ["message"] = "no such task" }, "application/json", metadata is null ? 404 : 200).ConfigureAwait(false);
                return;
            }

            if (request.Path.StartsWithSegments("/_batchkit/lambda", StringComparison.Ordinal))
            {
                await HandleLambdaAsync(context, lambda.HandleBatchKitAsync).ConfigureAwait(false);
                return;
            }

            var (bucket, key) = BucketAndKey(context);
            try
            {
                SigV4Authorization.RequireService(request, s3: true);
                await s3.HandleAsync(context, bucket, key).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!context.Response.HasStarted)
            {
                await S3Xml.WriteErrorAsync(context, e, key is null ? bucket : $"/{bucket}/{key}").ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
            {
                await S3Xml.WriteErrorAsync(context, new AwsServiceException("InternalError", $"We encountered an internal error: {e.GetType().Name}: {e.Message}", 500), null).ConfigureAwait(false);
            }
        }

        /// <summary>Lambda speaks REST-JSON: errors carry the code in <c>x-amzn-ErrorType</c> and a JSON body.</summary>
        private static async Task HandleLambdaAsync(HttpContext context, Func<HttpContext, Task> handle)
        {
            try
            {
                if (!context.Request.Path.StartsWithSegments("/_batchkit", StringComparison.Ordinal))
                {
                    SigV4Authorization.RequireService(context.Request, s3: false);
                }

                await handle(context).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!context.Response.HasStarted)
            {
                await JsonProtocol.WriteErrorAsync(context.Response, e, "application/json").ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
            {
                var error = e is InvalidOperationException or FormatException
                    ? new AwsServiceException("InvalidRequestContentException", $"A field of the request has the wrong type: {e.Message}")
                    : new AwsServiceException("ServiceException", $"Internal error: {e.GetType().Name}: {e.Message}", 500);
                await JsonProtocol.WriteErrorAsync(context.Response, error, "application/json").ConfigureAwait(false);
            }
        }

        private async Task HandleJsonAsync(HttpContext context, string target)
        {
            var dot = target.IndexOf('.', StringComparison.Ordinal);
            var service = dot > 0 ? jsonServices.FirstOrDefault(s => s.TargetPrefix == target[..dot]) : null;
            var contentType = service?.ContentType ?? "application/x-amz-json-1.1";
            try
            {
                if (service is null)
                {
                    throw new AwsServiceException("UnknownOperationException", $"BatchKit's emulator does not serve '{target}'.");
                }

                SigV4Authorization.RequireService(context.Request, s3: false);
                var body = await JsonProtocol.ReadRequestAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
                var result = await service.InvokeAsync(target[(dot + 1)..], body, context.RequestAborted).ConfigureAwait(false);
                await JsonProtocol.WriteAsync(context.Response, result, contentType).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!context.Response.HasStarted)
            {
                await JsonProtocol.WriteErrorAsync(context.Response, e, contentType).ConfigureAwait(false);
            }
            catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
            {
                // A wrong JSON type in a field (a number for a string, say) surfaces here: answer like AWS, not with a 500 page.
                var error = e is InvalidOperationException or FormatException
                    ? new AwsServiceException("SerializationException", $"A field of the request has the wrong type: {e.Message}")
                    : new AwsServiceException("InternalFailure", $"Internal error: {e.GetType().Name}: {e.Message}", 500);
                await JsonProtocol.WriteErrorAsync(context.Response, error, contentType).ConfigureAwait(false);
            }
        }

        /// <summary>Virtual-host style (<c>bucket.localhost:4566</c>) when the Host names a bucket; path style otherwise.</summary>
        private static (string? Bucket, string? Key) BucketAndKey(HttpContext context)
        {
            var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
            var path = raw.Split('?')[0];
            var host = context.Request.Host.Host;
            if (host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            {
                var bucket = host[..^".localhost".Length];
                var key = Uri.UnescapeDataString(path.TrimStart('/'));
                return (bucket, key.Length == 0 ? null : key);
            }

            var trimmed = path.TrimStart('/');
            if (trimmed.Length == 0)
            {
                return (null, null);
            }

            var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
            return slash < 0
                ? (Uri.UnescapeDataString(trimmed), null)
                : (Uri.UnescapeDataString(trimmed[..slash]), Uri.UnescapeDataString(trimmed[(slash + 1)..]) is { Length: > 0 } k ? k : null);
        }
    }
}
