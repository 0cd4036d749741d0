using System.Globalization;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Services.Logs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// One warm execution environment: the function's <c>bootstrap</c> as a real child process, and the Runtime API it
/// polls, served on its own loopback port (<c>AWS_LAMBDA_RUNTIME_API</c>) so the API knows which environment asks.
/// The same binary that runs on <c>provided.al2023</c> runs here unchanged.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// </summary>
internal sealed class ExecutionEnvironment : IAsyncDisposable
{
    /// <summary>Where Lambda puts a function's code; the process runtime maps it back to the code directory.</summary>
    public const string TaskRoot = "/var/task";
    private const string Prefix = "/2018-06-01/runtime/";
    private readonly LambdaFunction _function;
    private readonly FunctionRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly BareHttpServer _api;
    private readonly LogStreamWriter? _logStream;
    private IRunningWorkload? _workload;
    private LambdaInvocation? _current;
    private ITimer? _timeout;

    private ExecutionEnvironment(LambdaFunction function, FunctionRuntime runtime, TimeProvider time)
    {
        _function = function;
        _runtime = runtime;
        _time = time;
        _api = new BareHttpServer("http://127.0.0.1:0", HandleAsync);
        _logStream = runtime.NewLogStream();
    }

    /// <summary>True once the environment took its first invocation (an exit before that is an init failure).</summary>
    public bool Initialized { get; private set; }

    public Task Exited { get; private set; } = Task.CompletedTask;

    /// <summary>Starts the Runtime API on its own loopback port, then the bootstrap through the launcher.</summary>
    public static async Task<ExecutionEnvironment> StartAsync(
        LambdaFunction function, FunctionRuntime runtime, IWorkloadLauncher launcher, LambdaWorkload workload, TimeProvider time)
    {
        var environment = new ExecutionEnvironment(function, runtime, time);
        try
        {
            await environment._api.StartAsync(CancellationToken.None).ConfigureAwait(false);
            var address = environment._api.Address;
            var spec = workload.Spec(function, $"{address.Host}:{address.Port}", environment.Output);
            environment._workload = await launcher.LaunchAsync(spec, CancellationToken.None).ConfigureAwait(false);
            environment.Exited = environment.WatchExitAsync(environment._workload);
            return environment;
        }
        catch
        {
            await environment._api.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WatchExitAsync(IRunningWorkload workload)
    {
        var exit = await workload.Exited.ConfigureAwait(false);
        var code = exit.ExitCode ?? -1;
        var current = Interlocked.Exchange(ref _current, null);
        current?.Fail("Runtime.ExitError", $"RequestId: {current.RequestId} Error: Runtime exited with error: exit status {code}", _time.GetUtcNow());
        _runtime.EnvironmentExited(this, code);
    }

    private void Output(string? line)
    {
        if (line is null)
        {
            return;
        }

        // One place for the runtime's output: the running invocation's log (which forwards to the environment's log
        // stream), or the stream directly between invocations (init output), and the function's log for the viewer.
        if (_current is { } current)
        {
            current.Log(line);
        }
        else
        {
            _logStream?.Write(line);
        }

        _runtime.Log(line);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await RuntimeError(context, 404, "InvalidRequest", $"The Runtime API has no path {path}").ConfigureAwait(false);
            return;
        }

        var parts = path[Prefix.Length..].Split('/');
        switch (parts)
        {
            case ["invocation", "next"] when HttpMethods.IsGet(method):
                await NextAsync(context).ConfigureAwait(false);
                break;
            case ["invocation", var id, "response"] when HttpMethods.IsPost(method):
                await AnswerAsync(context, id, functionError: null).ConfigureAwait(false);
                break;
            case ["invocation", var id, "error"] when HttpMethods.IsPost(method):
                await AnswerAsync(context, id, functionError: "Unhandled").ConfigureAwait(false);
                break;
            case ["init", "error"] when HttpMethods.IsPost(method):
                await InitErrorAsync(context).ConfigureAwait(false);
                break;
            default:
                await RuntimeError(context, 404, "InvalidRequest", $"The Runtime API has no {method} {path}").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Blocks until an invocation is queued, then hands it over with its headers.</summary>
    private async Task NextAsync(HttpContext context)
    {
        LambdaInvocation invocation;
        try
        {
            invocation = await _runtime.NextAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Initialized = true;
        var now = _time.GetUtcNow();
        invocation.Start(now, _function.MemorySize, _logStream is { } stream ? stream.Write : null);
        _current = invocation;
        // The function's Timeout bounds a real process's work, so it runs on the wall clock whatever --time-scale says,
        // and the deadline the runtime reads is a wall-clock time too (its context compares it with its own clock).
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(_function.Timeout);
        _timeout = TimeProvider.System.CreateTimer(_ => TimeOut(invocation), null, TimeSpan.FromSeconds(_function.Timeout), Timeout.InfiniteTimeSpan);
        var response = context.Response;
        response.Headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = _function.FunctionArn;
        response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{now.ToUnixTimeSeconds():x8}-{Guid.NewGuid():N}"[..40];
        response.ContentType = "application/json";
        await response.Body.WriteAsync(invocation.Payload, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context, string requestId, string? functionError)
    {
        var current = _current;
        if (current is null || current.RequestId != requestId)
        {
            await RuntimeError(context, 400, "InvalidRequestID", $"Invalid request ID: {requestId} is not the invocation this environment is running")
                .ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var payload = body.ToArray();
        if (functionError is not null && payload.Length == 0)
        {
            payload = "{\"errorMessage\":\"the runtime reported an error without a body\",\"errorType\":\"Runtime.Unknown\"}"u8.ToArray();
        }

        Interlocked.CompareExchange(ref _current, null, current);
        _timeout?.Dispose();
        current.Complete(payload, functionError, _time.GetUtcNow());
        context.Response.StatusCode = 202;
        await context.Response.WriteAsync("{\"status\":\"OK\"}").ConfigureAwait(false);
    }

    /// <summary>The runtime could not start: fail what it holds and stop it, as Lambda does.</summary>
    private async Task InitErrorAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        _runtime.Log($"INIT_REPORT Init Error: {body}");
        context.Response.StatusCode = 202;
        await context.Response.WriteAsync("{\"status\":\"OK\"}").ConfigureAwait(false);
        Kill();
    }

    private void TimeOut(LambdaInvocation invocation)
    {
        if (Interlocked.CompareExchange(ref _current, null, invocation) != invocation)
        {
            return;
        }

        // Lambda stops the environment of a timed-out invocation; the next invocation gets a fresh one.
        // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-invoke-with-errors
        invocation.Fail("Sandbox.Timedout", $"RequestId: {invocation.RequestId} Error: Task timed out after {_function.Timeout}.00 seconds", _time.GetUtcNow());
        Kill();
    }

    public void Kill() => _ = _workload?.StopAsync(TimeSpan.Zero);

    private static Task RuntimeError(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["errorMessage"] = message, ["errorType"] = type }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_workload is { } workload)
        {
            await workload.DisposeAsync().ConfigureAwait(false); // ends it, by its own id, if it still runs
        }

        await Exited.ConfigureAwait(false);
        _timeout?.Dispose();
        await _api.DisposeAsync().ConfigureAwait(false);
    }
}
