using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// Tables in the data directory (<c>dynamodb/</c>): per table its description (<c>NAME.table.json</c>, written to a
/// temporary file, fsynced and renamed) and an append-only log of its writes (<c>NAME.items.log</c>, one JSON line
/// per put or delete, fsynced before the call is answered). A restart replays the log, and rewrites it compactly when
/// it holds more superseded lines than live items.
/// </summary>
internal sealed class DynamoDbStore
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, DynamoDbTable> _tables = new(StringComparer.Ordinal);

    public DynamoDbStore(EmulatorOptions options, Func<JsonObject, DynamoDbTable> open)
    {
        _root = Path.GetFullPath(Path.Combine(options.DataDirectory, "dynamodb"));
        Directory.CreateDirectory(_root);
        foreach (var file in Directory.EnumerateFiles(_root, "*.table.json"))
        {
            var table = open(JsonNode.Parse(File.ReadAllText(file))!.AsObject());
            Replay(table);
            _tables[table.Name] = table;
        }
    }

    public IEnumerable<string> TableNames => _tables.Keys.Order(StringComparer.Ordinal);

    public DynamoDbTable? Find(string name) => _tables.GetValueOrDefault(name);

    public bool Add(DynamoDbTable table)
    {
        if (!_tables.TryAdd(table.Name, table))
        {
            return false;
        }

        WriteAtomically(DescriptionPath(table.Name), table.Description.ToJsonString());
        File.WriteAllText(LogPath(table.Name), "");
        return true;
    }

    public bool Remove(string name)
    {
        if (!_tables.TryRemove(name, out _))
        {
            return false;
        }

        File.Delete(DescriptionPath(name));
        File.Delete(LogPath(name));
        return true;
    }

    /// <summary>Applies writes to the table (the caller holds its lock) and makes them durable first.</summary>
    public void Write(DynamoDbTable table, IReadOnlyList<(JsonObject Key, JsonObject? Item)> writes)
    {
        var lines = new StringBuilder();
        foreach (var (key, item) in writes)
        {
            lines.Append(item is null ? new JsonObject { ["delete"] = key.DeepClone() }.ToJsonString()
                : new JsonObject { ["put"] = item.DeepClone() }.ToJsonString()).Append('\n');
        }

        using (var log = new FileStream(LogPath(table.Name), FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            log.Write(Encoding.UTF8.GetBytes(lines.ToString()));
            log.Flush(flushToDisk: true);
        }

        foreach (var (key, item) in writes)
        {
            if (item is null)
            {
                table.Items.Remove(table.Key.Identity(key));
            }
            else
            {
                table.Items[table.Key.Identity(key)] = item;
            }
        }
    }

    private void Replay(DynamoDbTable table)
    {
        var path = LogPath(table.Name);
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            JsonObject entry;
            try
            {
                entry = JsonNode.Parse(line)!.AsObject();
            }
            catch (System.Text.Json.JsonException)
            {
                break; // a line cut short by a crash mid-append: everything before it was answered, it was not
            }

            if (entry["put"] is JsonObject item)
            {
                table.Items[table.Key.Identity(table.Key.KeyOf(item, exact: false))] = item;
            }
            else if (entry["delete"] is JsonObject key)
            {
                table.Items.Remove(table.Key.Identity(key));
            }
        }

        if (lines.Length > 2 * table.Items.Count + 100)
        {
            WriteAtomically(path, string.Concat(table.Items.Values.Select(i => new JsonObject { ["put"] = i.DeepClone() }.ToJsonString() + "\n")));
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(Encoding.UTF8.GetBytes(text));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private string DescriptionPath(string table) => Path.Combine(_root, table + ".table.json");

    private string LogPath(string table) => Path.Combine(_root, table + ".items.log");
}
