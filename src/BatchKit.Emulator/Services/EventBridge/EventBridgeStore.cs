using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// Connections by name, event buses by name (the default one always there), rules by bus and name, and every event
/// PutEvents accepted with the rules it matched (kept so tests and `batchkit` can read them).
/// </summary>
internal sealed class EventBridgeStore
{
    public ConcurrentDictionary<string, JsonObject> Connections { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<JsonObject> Events { get; } = new();

    public ConcurrentDictionary<string, JsonObject> Buses { get; } = new(StringComparer.Ordinal);

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
