namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// Asynchronous invocation (<c>InvocationType=Event</c>, and S3 notifications): the caller gets 202 at once; a
/// function error is retried twice, as Lambda does. Lambda waits one and then two minutes between attempts; the
/// emulator waits <see cref="EmulatorOptions.LambdaAsyncRetryDelays"/> (seconds by default) so a local run stays fast.
/// Events that fail every attempt are kept in <see cref="FailedEvents"/> (Lambda's on-failure destination).
/// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
/// </summary>
internal sealed class AsyncInvoker(EmulatorOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly BackgroundWork _work = new();
    private const int MaxEventsKept = 10_000;
    private readonly List<FailedEvent> _failed = [];
    private readonly Queue<AsyncEvent> _events = new();

    /// <summary>An event whose every attempt failed: the function, the event, and the last error document.</summary>
    internal sealed record FailedEvent(string FunctionName, string Payload, string Error, int Attempts);

    public IReadOnlyList<FailedEvent> FailedEvents
    {
        get
        {
            lock (_failed)
            {
                return [.. _failed];
            }
        }
    }

    /// <summary>Every event accepted, newest last (bounded): recorded when the caller got its 202, before any attempt runs.</summary>
    public IReadOnlyList<AsyncEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Accepts the event at once (the caller's 202 means it is recorded), then runs it in the background.</summary>
    public void Enqueue(FunctionRuntime runtime, byte[] payload)
    {
        var accepted = new AsyncEvent(runtime.Function.FunctionName, System.Text.Encoding.UTF8.GetString(payload), time.GetUtcNow());
        lock (_events)
        {
            _events.Enqueue(accepted);
            while (_events.Count > MaxEventsKept)
            {
                _events.Dequeue();
            }
        }

        _work.Start(() => InvokeWithRetriesAsync(runtime, payload, accepted));
    }

    private async Task InvokeWithRetriesAsync(FunctionRuntime runtime, byte[] payload, AsyncEvent accepted)
    {
        var delays = options.LambdaAsyncRetryDelays;
        for (var attempt = 0; ; attempt++)
        {
            var result = await runtime.InvokeAsync(payload).ConfigureAwait(false);
            accepted.Attempted(result.Succeeded);
            if (result.Succeeded)
            {
                return;
            }

            var error = System.Text.Encoding.UTF8.GetString(result.Payload);
            if (attempt >= delays.Count || _work.IsStopping)
            {
                runtime.Log($"async invocation failed after {attempt + 1} attempts, event dropped to the failed-event list: {error}");
                lock (_failed)
                {
                    _failed.Add(new FailedEvent(runtime.Function.FunctionName, System.Text.Encoding.UTF8.GetString(payload), error, attempt + 1));
                }

                return;
            }

            runtime.Log($"async invocation failed (attempt {attempt + 1}), retrying in {delays[attempt].TotalSeconds:0.###} s: {error}");
            try
            {
                await Task.Delay(delays[attempt], time, _work.Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => _work.DisposeAsync();
}
