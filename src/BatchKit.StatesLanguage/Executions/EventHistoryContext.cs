namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Where a frame of evaluation stands in the history: <see cref="SourceEventId"/> becomes the next event's
/// previousEventId; some events (iteration and state "succeeded" markers) are published without moving it.
/// Child frames start from their parent's source and are folded back with <see cref="Integrate"/> (max of both),
/// which reproduces AWS's previousEventId chains for Map iterations and Parallel branches.
/// </summary>
internal sealed class EventHistoryContext(long previousEventId)
{
    public long SourceEventId { get; set; } = previousEventId;

    public long LastPublishedEventId { get; set; } = previousEventId;

    public EventHistoryContext Child() => new(SourceEventId);

    public void Integrate(EventHistoryContext other)
    {
        SourceEventId = Math.Max(SourceEventId, other.SourceEventId);
        LastPublishedEventId = Math.Max(LastPublishedEventId, other.LastPublishedEventId);
    }
}
