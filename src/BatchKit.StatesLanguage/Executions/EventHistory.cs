using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The append-only, thread-safe event list of one execution, with ids from 1. <paramref name="added"/> is told after
/// every event (outside the lock), so a host can push changes to a live view instead of being polled.
/// </summary>
internal sealed class EventHistory(TimeProvider time, Action? added = null)
{
    private readonly List<HistoryEvent> _events = [];
    private readonly Lock _lock = new();

    public long Add(EventHistoryContext context, string type, string? detailsKey = null, JsonObject? details = null, bool updateSource = true)
    {
        long id;
        lock (_lock)
        {
            id = _events.Count + 1;
            var detailsJson = details is null ? null : Json.JsonText.Serialize(details);
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
            _events.AddRange(events);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        lock (_lock)
        {
            return _events.ToArray();
        }
    }
}
