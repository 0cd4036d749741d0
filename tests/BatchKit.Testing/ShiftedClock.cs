namespace BatchKit.Testing;

/// <summary>
/// The system clock moved on by whatever a test adds with <see cref="Advance"/>: timers and delays keep running in real
/// time (so Step Functions, ECS tasks and Lambda behave as usual), while everything that reads the time — the
/// EventBridge scheduler above all — sees the later time. A test jumps to a rule's next firing instead of waiting for it,
/// without freezing the rest of the emulator as a fake clock would.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
