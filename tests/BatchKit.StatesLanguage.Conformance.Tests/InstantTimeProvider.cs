namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>
/// A clock where every timer fires at once and moves virtual time forward by its due time, so Wait states and
/// retry intervals cost nothing in wall time while timestamps still advance.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Add(ref _ticks, Math.Max(0, dueTime.Ticks));
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
