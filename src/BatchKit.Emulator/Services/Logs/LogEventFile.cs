using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// One stream's events, appended to one file of JSON lines (<c>{"t":timestamp,"i":ingestion,"n":sequence,"m":message}</c>)
/// and read back by streaming it, so memory holds only what a query keeps, never a whole stream. PutLogEvents fsyncs
/// before it answers; the lines Lambda and ECS output feed in are flushed to the operating system only, as the
/// CloudWatch agents and the awslogs driver deliver them asynchronously too. A line torn by a crash is skipped on
/// read and the next append starts on a fresh line. With <c>--ephemeral</c> the events are kept in memory.
/// </summary>
internal sealed partial class LogEventFile(string? path)
{
    private readonly Lock _lock = new();
    private readonly List<LogEvent>? _memory = path is null ? [] : null;
    private LogStreamSummary? _summary;

    /// <summary>First and last event timestamps, last ingestion, bytes and count (scanned once, then kept current).</summary>
    public LogStreamSummary Summary
    {
        get
        {
            lock (_lock)
            {
                return _summary ??= Scan();
            }
        }
    }

    /// <summary>Appends events already checked by the caller, numbering them after the stream's last.</summary>
    public void Append(IReadOnlyList<(long Timestamp, string Message)> events, long ingestionTime, bool sync)
    {
        lock (_lock)
        {
            var summary = _summary ??= Scan();
            var text = new StringBuilder(summary.EndsTorn ? "\n" : "");
            var added = new List<LogEvent>(events.Count);
            foreach (var (timestamp, message) in events)
            {
                var stored = new LogEvent(timestamp, ingestionTime, summary.Count + added.Count, message);
                added.Add(stored);
                var line = new Line(stored.Timestamp, stored.IngestionTime, stored.Sequence, stored.Message);
                text.Append(JsonSerializer.Serialize(line, LineJson.Default.Line)).Append('\n');
            }

            Write(Encoding.UTF8.GetBytes(text.ToString()), sync);
            _memory?.AddRange(added);
            _summary = summary.With(added);
        }
    }

    /// <summary>Every event in the order it was stored (a stream's events are not necessarily in timestamp order).</summary>
    public IEnumerable<LogEvent> Read()
    {
        if (_memory is not null)
        {
            lock (_lock)
            {
                return [.. _memory];
            }
        }

        return ReadFile(path!);
    }

    public void Delete(bool sync)
    {
        lock (_lock)
        {
            if (path is not null)
            {
                DurableFile.Delete(path, sync);
            }

            _memory?.Clear();
            _summary = LogStreamSummary.Empty;
        }
    }

    private void Write(byte[] bytes, bool sync)
    {
        if (path is null)
        {
            return;
        }

        var created = !File.Exists(path);
        using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: sync);
        }

        if (created && sync)
        {
            DurableFile.SyncDirectory(Path.GetDirectoryName(path)!);
        }
    }

    private LogStreamSummary Scan()
    {
        var summary = LogStreamSummary.Empty;
        if (path is null || !File.Exists(path))
        {
            return summary;
        }

        foreach (var stored in ReadFile(path))
        {
            summary = summary.With([stored]);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var torn = file.Length > 0 && file.Seek(-1, SeekOrigin.End) >= 0 && file.ReadByte() != '\n';
        return summary with { EndsTorn = torn };
    }

    private static IEnumerable<LogEvent> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file, Encoding.UTF8);
        while (reader.ReadLine() is { } text)
        {
            if (Parse(text) is { } line)
            {
                yield return new LogEvent(line.T, line.I, line.N, line.M);
            }
        }
    }

    /// <summary>Null for a line a crash cut short (or any line that is not a whole event).</summary>
    private static Line? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, LineJson.Default.Line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Line(long T, long I, long N, string M);

    /// <summary>The line's JSON mapping, generated at build time for the Native AOT emulator (same names as reflection gave).</summary>
    [JsonSerializable(typeof(Line))]
    private sealed partial class LineJson : JsonSerializerContext;
}
