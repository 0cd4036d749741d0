using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>Connections by name, and every PutEvents entry (kept so tests and `batchkit` can read them).</summary>
internal sealed class EventBridgeStore
{
    public ConcurrentDictionary<string, JsonObject> Connections { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<JsonObject> Events { get; } = new();
}
