using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// Connections and event buses by name (kept in the data directory, connection secrets included, as EventBridge keeps
/// them in Secrets Manager; the default bus always there); rules by bus and name with their targets (in memory for
/// now); and every event PutEvents accepted with the rules it matched (in memory: kept so tests and `batchkit` can read them).
/// </summary>
internal sealed class EventBridgeStore(DataDirectory data)
{
    public RecordTable<JsonObject> Connections { get; } = new(data, "events-connections", new(c => c.DeepClone(), n => n.AsObject()));

    public ConcurrentQueue<JsonObject> Events { get; } = new();

    public RecordTable<JsonObject> Buses { get; } = new(data, "events-buses", new(b => b.DeepClone(), n => n.AsObject()));

    /// <summary>Rules by "bus/name"; writers lock <see cref="Sync"/>.</summary>
    public Dictionary<string, EventRule> Rules { get; } = new(StringComparer.Ordinal);

    public Lock Sync { get; } = new();

    public List<EventRule> RulesSnapshot()
    {
        lock (Sync)
        {
            return [.. Rules.Values];
        }
    }
}
