using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// Log groups and streams as records in the data directory, and each stream's events in its own append-only file
/// (<c>logs-events/&lt;SHA-256 of group and stream&gt;.jsonl</c>), so the emulator's memory holds names and counters, never
/// the events themselves. Creating and deleting takes one lock, so a group's streams never outlive it.
/// </summary>
internal sealed class LogsStore
{
    private readonly DataDirectory _data;
    private readonly string? _eventsFolder;
    private readonly ConcurrentDictionary<string, LogEventFile> _events = new(StringComparer.Ordinal);
    private long _lastNumber;

    public LogsStore(DataDirectory data)
    {
        _data = data;
        _eventsFolder = data.Durable ? data.Folder("logs-events") : null;
        Groups = new RecordTable<LogGroup>(data, "logs-groups");
        Streams = new RecordTable<LogStream>(data, "logs-streams");
        _lastNumber = Streams.Values.Select(s => s.Number).DefaultIfEmpty(0).Max();
    }

    public RecordTable<LogGroup> Groups { get; }

    /// <summary>Streams by <see cref="Key"/> (group and stream name).</summary>
    public RecordTable<LogStream> Streams { get; }

    public Lock Writes { get; } = new();

    /// <summary>Whether PutLogEvents fsyncs before it answers (false with <c>--ephemeral</c>).</summary>
    public bool Durable => _data.Durable;

    public static string Key(string group, string stream) => group + "\n" + stream;

    public IEnumerable<LogStream> StreamsOf(string group) => Streams.Values.Where(s => s.GroupName == group);

    public LogEventFile Events(LogStream stream) => _events.GetOrAdd(Key(stream.GroupName, stream.Name), key => new LogEventFile(
        _eventsFolder is null ? null : Path.Combine(_eventsFolder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".jsonl")));

    /// <summary>A new stream (the caller checked the group exists and the name is free, under <see cref="Writes"/>).</summary>
    public LogStream AddStream(string group, string name, long creationTime)
    {
        var stream = new LogStream(group, name, creationTime, Interlocked.Increment(ref _lastNumber));
        Streams[Key(group, name)] = stream;
        return stream;
    }

    public void RemoveStream(LogStream stream)
    {
        var key = Key(stream.GroupName, stream.Name);
        Events(stream).Delete(_data.Durable);
        Streams.TryRemove(key, out _);
        _events.TryRemove(key, out _);
    }

    /// <summary>The group with every stream and event in it.</summary>
    public void RemoveGroup(string group)
    {
        foreach (var stream in StreamsOf(group).ToList())
        {
            RemoveStream(stream);
        }

        Groups.TryRemove(group, out _);
    }
}
