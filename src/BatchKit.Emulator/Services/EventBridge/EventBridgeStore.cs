using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// Connections by name (kept in the data directory, secrets included, as EventBridge keeps them in Secrets Manager), and
/// every PutEvents entry (in memory: kept so tests and `batchkit` can read them).
/// </summary>
internal sealed class EventBridgeStore(DataDirectory data)
{
    public RecordTable<JsonObject> Connections { get; } = new(data, "events-connections", new(c => c.DeepClone(), n => n.AsObject()));

    public ConcurrentQueue<JsonObject> Events { get; } = new();
}
