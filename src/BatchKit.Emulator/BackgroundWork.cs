namespace BatchKit.Emulator;

/// <summary>
/// Work the emulator runs beside its requests (task processes, asynchronous Lambda invocations): started here,
/// cancelled by <see cref="Stopping"/> at shutdown, and awaited to its end, so nothing outlives the emulator.
/// </summary>
internal sealed class BackgroundWork : IAsyncDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Task> _running = [];

    /// <summary>Cancelled when the emulator shuts down.</summary>
    public CancellationToken Stopping => _shutdown.Token;

    public bool IsStopping => _shutdown.IsCancellationRequested;

    public void Start(Func<Task> work)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Run(work));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _shutdown.Dispose();
    }
}
