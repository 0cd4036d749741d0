using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The append-only, thread-safe event list of one execution, with ids from 1. <paramref name="added"/> is told after
/// every event (outside the lock), so a host can push changes to a live view instead of being polled. A host that wrote
/// a finished history elsewhere may <see cref="Release"/> it: the events leave memory and are read back on demand.
/// </summary>
internal sealed class EventHistory(TimeProvider time, Action? added = null)
{
    private readonly List<HistoryEvent> _events = [];
    private readonly Lock _lock = new();
    private Func<IReadOnlyList<HistoryEvent>>? _reload;
    private int _releasedCount;

    public long Add(EventHistoryContext context, string type, string? detailsKey = null, JsonObject? details = null, bool updateSource = true) =>
        AddText(context, type, detailsKey, details is null ? null : Json.JsonText.Serialize(details), updateSource);

    /// <summary>An event whose details are JSON text already (<see cref="EventDetails"/>).</summary>
    public long AddText(EventHistoryContext context, string type, string? detailsKey, string? detailsJson, bool updateSource = true)
    {
        long id;
        lock (_lock)
        {
            Recall();
            id = _events.Count + 1;
            _events.Add(new HistoryEvent(id, context.SourceEventId, type, time.GetUtcNow(), detailsKey, detailsJson));
            context.LastPublishedEventId = id;
            if (updateSource)
            {
                context.SourceEventId = id;
            }
        }

        added?.Invoke();
        return id;
    }

    /// <summary>The events of a restored execution, as they were recorded.</summary>
    public void Restore(IEnumerable<HistoryEvent> events)
    {
        lock (_lock)
        {
            Recall();
            _events.AddRange(events);
        }
    }

    /// <summary>
    /// Drops the events from memory; <paramref name="reload"/> reads them back (the host wrote them). A restored history
    /// that was never loaded gives its length as <paramref name="count"/>.
    /// </summary>
    public void Release(Func<IReadOnlyList<HistoryEvent>> reload, int? count = null)
    {
        lock (_lock)
        {
            _releasedCount = count ?? _events.Count;
            _reload = reload;
            _events.Clear();
            _events.TrimExcess();
        }
    }

    /// <summary>True while the events are not in memory.</summary>
    public bool Released
    {
        get
        {
            lock (_lock)
            {
                return _reload is not null;
            }
        }
    }

    // A released history that grows again (a redrive) takes its events back first. Called under the lock.
    private void Recall()
    {
        if (_reload is { } reload)
        {
            _events.AddRange(reload());
            _reload = null;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _reload is null ? _events.Count : _releasedCount;
            }
        }
    }

    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        Func<IReadOnlyList<HistoryEvent>>? reload;
        lock (_lock)
        {
            if (_reload is null)
            {
                return _events.ToArray();
            }

            reload = _reload;
        }

        return reload(); // read outside the lock: a file read must not hold up the execution's writers
    }
}
