using System.Runtime.CompilerServices;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// The state passes of each execution, read once per history length: a finished execution's history never grows,
/// so a page following a 1,000-child Map Run re-reads only the children that moved since its last refresh.
/// </summary>
internal sealed class StateVisitCache
{
    private readonly ConditionalWeakTable<Execution, Entry> _entries = [];

    public IReadOnlyList<StateVisit> Visits(Execution execution) => Read(execution).Visits;

    public IReadOnlyList<HistoryEvent> History(Execution execution) => Read(execution).History;

    private Entry Read(Execution execution)
    {
        // The count first: a finished execution's history may have been released to the data directory (ReleasedHistories).
        if (_entries.TryGetValue(execution, out var cached) && cached.History.Count == execution.HistoryCount)
        {
            return cached;
        }

        var history = execution.GetHistory();
        var entry = new Entry(history, StateVisits.Read(history));
        _entries.AddOrUpdate(execution, entry);
        return entry;
    }

    private sealed record Entry(IReadOnlyList<HistoryEvent> History, IReadOnlyList<StateVisit> Visits);
}
