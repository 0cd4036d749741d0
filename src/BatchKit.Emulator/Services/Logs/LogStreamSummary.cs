namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// What DescribeLogStreams reports that changes with every event, and the count that numbers the next one.
/// StoredBytes counts the messages' UTF-8 bytes.
/// </summary>
internal sealed record LogStreamSummary(long Count, long? FirstEventTimestamp, long? LastEventTimestamp, long? LastIngestionTime, long StoredBytes)
{
    public static LogStreamSummary Empty { get; } = new(0, null, null, null, 0);

    /// <summary>The file ends without a newline (a write a crash cut short): the next append starts a fresh line.</summary>
    public bool EndsTorn { get; init; }

    public LogStreamSummary With(IReadOnlyList<LogEvent> added) => added.Count == 0 ? this : new(
        Math.Max(Count, added.Max(e => e.Sequence) + 1),
        Min(FirstEventTimestamp, added.Min(e => e.Timestamp)),
        Max(LastEventTimestamp, added.Max(e => e.Timestamp)),
        Max(LastIngestionTime, added.Max(e => e.IngestionTime)),
        StoredBytes + added.Sum(e => (long)System.Text.Encoding.UTF8.GetByteCount(e.Message)));

    private static long Min(long? a, long b) => a is { } x ? Math.Min(x, b) : b;

    private static long Max(long? a, long b) => a is { } x ? Math.Max(x, b) : b;
}
