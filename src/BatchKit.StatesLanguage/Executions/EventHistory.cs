using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>The append-only, thread-safe event list of one execution, with ids from 1.</summary>
internal sealed class EventHistory(TimeProvider time)
{
    private readonly List<HistoryEvent> _events = [];
    private readonly Lock _lock = new();

    public long Add(EventHistoryContext context, string type, string? detailsKey = null, JsonObject? details = null, bool updateSource = true)
    {
        lock (_lock)
        {
            var id = _events.Count + 1;
            var detailsJson = details is null ? null : Json.JsonText.Serialize(details);
            _events.Add(new HistoryEvent(id, context.SourceEventId, type, time.GetUtcNow(), detailsKey, detailsJson));
            context.LastPublishedEventId = id;
            if (updateSource)
            {
                context.SourceEventId = id;
            }

            return id;
        }
    }

    /// <summary>The events of a restored execution, as they were recorded.</summary>
    public void Restore(IEnumerable<HistoryEvent> events)
    {
        lock (_lock)
        {
            _events.AddRange(events);
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
