using System.Threading.Channels;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Services.Logs;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// Runs one function's invocations: queues them, and keeps warm execution environments that take them through the
/// Runtime API. A new environment starts only when every warm one is busy, up to a cap per function (Lambda scales
/// the same way, one invocation per environment at a time). An environment that exits before its first invocation
/// (a broken bootstrap) fails the invocation waiting for it instead of being restarted forever. The latest
/// invocations are kept with their logs (what CloudWatch shows per request); <paramref name="invocationsChanged"/> is
/// told when one is queued or ends.
/// https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
/// </summary>
internal sealed class FunctionRuntime(
    LambdaFunction function, int maxEnvironments, IWorkloadLauncher launcher, LambdaWorkload workload, TimeProvider time, Action? invocationsChanged = null)
    : IAsyncDisposable
{
    private const int MaxLogLines = 2_000;
    private const int MaxRecentInvocations = 200;
    private readonly Queue<LambdaInvocation> _recent = new();
    private readonly Channel<LambdaInvocation> _queue = Channel.CreateUnbounded<LambdaInvocation>();
    private readonly List<ExecutionEnvironment> _environments = [];
    private readonly Queue<string> _log = new();
    private int _waiting;
    private int _starting;
    private bool _disposed;

    public LambdaFunction Function => function;

    /// <summary>The CloudWatch Logs the environments write to, if any.</summary>
    public LogsIngest? Logs { get; init; }

    /// <summary>
    /// A new environment's stream in the function's group (<c>/aws/lambda/&lt;function&gt;</c> by default), named as Lambda names it:
    /// <c>YYYY/MM/DD/[version]&lt;environment id&gt;</c>. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
    /// </summary>
    public LogStreamWriter? NewLogStream() => Logs?.Stream(
        function.LogGroupName,
        $"{time.GetUtcNow().ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture)}/[{function.Version}]{Guid.NewGuid():N}");

    /// <summary>The runtime output of this function's environments, newest last (for <c>batchkit logs</c>).</summary>
    public IReadOnlyList<string> LogLines()
    {
        lock (_log)
        {
            return [.. _log];
        }
    }

    /// <summary>The latest invocations, oldest first (at most 200).</summary>
    public IReadOnlyList<LambdaInvocation> RecentInvocations()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }

    public int EnvironmentCount
    {
        get
        {
            lock (_environments)
            {
                return _environments.Count;
            }
        }
    }

    public Task<InvocationResult> InvokeAsync(byte[] payload)
    {
        var invocation = new LambdaInvocation(payload, time.GetUtcNow());
        Remember(invocation);
        lock (_environments)
        {
            if (_disposed)
            {
                invocation.Fail("Runtime.Shutdown", "the emulator is shutting down", time.GetUtcNow());
                return invocation.Result;
            }
        }

        _queue.Writer.TryWrite(invocation);
        ScaleUp();
        return invocation.Result;
    }

    /// <summary>Called by an environment's <c>/invocation/next</c>: the next queued invocation, waiting if none.</summary>
    public async ValueTask<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            while (true)
            {
                var invocation = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (!invocation.IsCompleted)
                {
                    return invocation;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private void Remember(LambdaInvocation invocation)
    {
        lock (_recent)
        {
            _recent.Enqueue(invocation);
            while (_recent.Count > MaxRecentInvocations)
            {
                _recent.Dequeue();
            }
        }

        if (invocationsChanged is { } changed)
        {
            changed();
            invocation.Result.ContinueWith(_ => changed(), TaskScheduler.Default);
        }
    }

    public void Log(string line)
    {
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > MaxLogLines)
            {
                _log.Dequeue();
            }
        }
    }

    public void EnvironmentExited(ExecutionEnvironment environment, int exitCode)
    {
        lock (_environments)
        {
            _environments.Remove(environment);
            if (_disposed)
            {
                return;
            }
        }

        if (!environment.Initialized)
        {
            // Init failed: the invocation that asked for this environment fails with it, as on Lambda.
            FailOnePending("Runtime.ExitError",
                $"Error: Runtime exited with error: exit status {exitCode} before it asked for an invocation (see the function's log)");
        }

        _ = environment.DisposeAsync().AsTask();
        ScaleUp();
    }

    private void ScaleUp()
    {
        lock (_environments)
        {
            if (_disposed || _queue.Reader.Count <= Volatile.Read(ref _waiting) + _starting || _environments.Count + _starting >= maxEnvironments)
            {
                return;
            }

            _starting++;
        }

        _ = StartEnvironmentAsync();
    }

    private async Task StartEnvironmentAsync()
    {
        ExecutionEnvironment? environment = null;
        try
        {
            environment = await ExecutionEnvironment.StartAsync(function, this, launcher, workload, time).ConfigureAwait(false);
        }
        catch (WorkloadStartException e)
        {
            // https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html (Runtime.InvalidEntrypoint)
            Log($"could not start {function.Bootstrap}: {e.Reason}");
            FailOnePending("Runtime.InvalidEntrypoint", $"RequestId: Error: could not start the runtime's bootstrap '{function.Bootstrap}': {e.Reason}");
        }

        lock (_environments)
        {
            _starting--;
            if (environment is not null)
            {
                _environments.Add(environment);
            }
        }

        if (environment is null)
        {
            ScaleUp();
        }
    }

    private void FailOnePending(string errorType, string message)
    {
        while (_queue.Reader.TryRead(out var invocation))
        {
            if (invocation.Fail(errorType, message, time.GetUtcNow()))
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        ExecutionEnvironment[] environments;
        lock (_environments)
        {
            _disposed = true;
            environments = [.. _environments];
            _environments.Clear();
        }

        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var invocation))
        {
            invocation.Fail("Runtime.Shutdown", "the function was deleted or the emulator shut down", time.GetUtcNow());
        }

        foreach (var environment in environments)
        {
            await environment.DisposeAsync().ConfigureAwait(false);
        }
    }
}
