namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// Fires scheduled rules on the emulator's clock: once a second (of that clock) it fires every enabled rule whose time
/// has come and sets its next time. A rule due several times while the clock jumped fires once, as a missed schedule
/// is not replayed on AWS either.
/// </summary>
internal sealed class EventScheduler : IDisposable
{
    private readonly EventBridgeStore _store;
    private readonly TimeProvider _time;
    private readonly Action<EventRule, DateTimeOffset> _fire;
    private readonly ITimer _timer;

    public EventScheduler(EventBridgeStore store, TimeProvider time, Action<EventRule, DateTimeOffset> fire)
    {
        (_store, _time, _fire) = (store, time, fire);
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Tick()
    {
        var now = _time.GetUtcNow();
        foreach (var rule in _store.RulesSnapshot())
        {
            DateTimeOffset due;
            lock (_store.Sync)
            {
                if (rule.Schedule is null || !rule.Enabled || rule.NextFire > now)
                {
                    continue;
                }

                due = rule.NextFire;
                rule.NextFire = rule.Schedule.Next(rule.Schedule is RateSchedule ? Max(due, now - TimeSpan.FromSeconds(1)) : now);
            }

            _fire(rule, due);
        }
    }

    public void Dispose() => _timer.Dispose();

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
