namespace BatchKit.Emulator.Runtime;

/// <summary>
/// The emulator's clock under <c>--time-scale N</c>: from the moment it starts, N seconds pass on it for every real
/// second, and every timer made on it fires N times sooner. The Step Functions engine waits on this clock (Wait states,
/// Retry back-off, HeartbeatSeconds, TimeoutSeconds), and so do EventBridge schedules, SQS delays and Lambda's
/// asynchronous retries, so a workflow with a one-hour Wait finishes in milliseconds at a scale of 100,000. What bounds
/// a real process's work stays on the wall clock (a Lambda function's Timeout), as do SigV4 signatures. Everything else
/// that reads the clock sees it run fast, so a state that does real work for a second lasts N seconds in the history,
/// and a recorded wait is longer than asked by the machine's timer latency times N (at least the time asked, never
/// less). Step Functions Local has a WAIT_TIME_SCALE setting for the same purpose, reported to be ignored.
/// </summary>
internal sealed class ScaledTimeProvider : TimeProvider
{
    /// <summary>At most this factor: a year of waiting in about five minutes, and timers still well above a tick.</summary>
    public const double MaxScale = 100_000;

    private readonly TimeProvider _real;
    private readonly DateTimeOffset _origin;
    private readonly long _originTimestamp;

    public ScaledTimeProvider(double scale, TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(real);
        Scale = Validate(scale);
        _real = real;
        _origin = real.GetUtcNow();
        _originTimestamp = real.GetTimestamp();
    }

    public double Scale { get; }

    /// <summary>The clock for <paramref name="scale"/>: the real one itself at 1, so the default costs nothing.</summary>
    public static TimeProvider For(double scale, TimeProvider real) => Validate(scale) == 1 ? real : new ScaledTimeProvider(scale, real);

    /// <summary>A scale the emulator accepts, or an error that names the bad value and the range.</summary>
    public static double Validate(double scale) =>
        double.IsFinite(scale) && scale > 0 && scale <= MaxScale
            ? scale
            : throw new ArgumentException($"--time-scale {scale}: expected a number above 0 and at most {MaxScale:0} (1 is real time)");

    public override DateTimeOffset GetUtcNow() => _origin + TimeSpan.FromTicks((long)(_real.GetElapsedTime(_originTimestamp).Ticks * Scale));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(this, _real, callback, state, dueTime, period);

    /// <summary>
    /// A due time made N times shorter, rounded up to whole milliseconds plus one, since .NET's timers count whole
    /// milliseconds. A one-second poll (the EventBridge scheduler's) then runs at most five hundred times a second.
    /// </summary>
    private TimeSpan Shrink(TimeSpan span) =>
        span <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(span.TotalMilliseconds / Scale) + 1);

    /// <summary>
    /// A timer on the fast clock. The real timer under it may fire a few milliseconds early (Linux's coarse tick clock),
    /// which the fast clock would show as N times that: a 600 s timeout ended after 568 s. So the timer keeps its due
    /// time on the fast clock and, woken early, sleeps again for the rest: a wait is never shorter than asked.
    /// </summary>
    private sealed class ScaledTimer : ITimer
    {
        private readonly ScaledTimeProvider _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _inner;
        private readonly Lock _lock = new();
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public ScaledTimer(ScaledTimeProvider clock, TimeProvider real, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            (_clock, _callback, _state) = (clock, callback, state);
            _inner = real.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                _period = period;
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                return _inner.Change(_due is null ? Timeout.InfiniteTimeSpan : _clock.Shrink(dueTime), Timeout.InfiniteTimeSpan);
            }
        }

        public void Dispose() => _inner.Dispose();

        public ValueTask DisposeAsync() => _inner.DisposeAsync();

        private void Fire()
        {
            lock (_lock)
            {
                if (_due is not { } due)
                {
                    return;
                }

                var now = _clock.GetUtcNow();
                if (due > now)
                {
                    _inner.Change(_clock.Shrink(due - now), Timeout.InfiniteTimeSpan); // woken early: sleep for the rest
                    return;
                }

                _due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? due + _period : null;
                if (_due is { } next)
                {
                    _inner.Change(_clock.Shrink(next - now), Timeout.InfiniteTimeSpan);
                }
            }

            _callback(_state);
        }
    }
}
