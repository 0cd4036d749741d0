using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// One table: its description as CreateTable gave it, its key schema and indexes, and its items by key. Writers hold
/// <see cref="Sync"/> so a condition check and the write it guards are one step.
/// </summary>
internal sealed class DynamoDbTable(string name, JsonObject description, KeySchema key, IReadOnlyDictionary<string, (KeySchema Key,
    JsonObject Description)> indexes)
{
    public string Name => name;

    public JsonObject Description => description;

    public KeySchema Key => key;

    /// <summary>Secondary indexes (global and local) by name.</summary>
    public IReadOnlyDictionary<string, (KeySchema Key, JsonObject Description)> Indexes => indexes;

    public Dictionary<string, JsonObject> Items { get; } = new(StringComparer.Ordinal);

    public Lock Sync { get; } = new();

    public JsonObject? Find(JsonObject keyValue) => Items.GetValueOrDefault(key.Identity(keyValue));

    public List<JsonObject> Snapshot()
    {
        lock (Sync)
        {
            return [.. Items.Values];
        }
    }
}
