using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Storage;

/// <summary>
/// One small file per record under <c>&lt;data&gt;/&lt;folder&gt;/</c>, named by the SHA-256 of the record's key and holding
/// <c>{"key":…,"value":…}</c>; each write replaces its file atomically and is fsynced (file and directory) before it
/// returns. Loading quarantines any file it cannot read and removes writes a crash interrupted.
/// </summary>
internal sealed class RecordFolder
{
    private readonly DataDirectory _data;
    private readonly string _folder;

    public RecordFolder(DataDirectory data, string folder)
    {
        _data = data;
        _folder = data.Folder(folder);
    }

    public void Write(string key, JsonNode? value)
    {
        var document = new JsonObject { ["key"] = key, ["value"] = value };
        DurableFile.WriteAtomic(PathOf(key), Encoding.UTF8.GetBytes(document.ToJsonString()), sync: true);
    }

    /// <summary>
    /// Writes a record whose value <paramref name="writeValue"/> writes straight to UTF-8 JSON: a large record (an execution
    /// with its history) is never built as a node tree, which costs many times its text in memory.
    /// </summary>
    public void Write(string key, Action<Utf8JsonWriter> writeValue)
    {
        DurableFile.WriteAtomic(PathOf(key), file =>
        {
            using var writer = new Utf8JsonWriter(file);
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WritePropertyName("value");
            writeValue(writer);
            writer.WriteEndObject();
        }, sync: true);
    }

    /// <summary>The value of one record, or null when there is none.</summary>
    public JsonNode? Read(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        var document = JsonNode.Parse(File.ReadAllBytes(path))?.AsObject() ?? throw new InvalidDataException($"the record file of {key} holds null");
        return document["key"]?.GetValue<string>() == key ? document["value"] : throw new InvalidDataException($"the record file of {key} holds another key");
    }

    public void Delete(string key) => DurableFile.Delete(PathOf(key), sync: true);

    /// <summary>Hands every readable record to <paramref name="accept"/>; a file it cannot read, or that accept throws on, is quarantined.</summary>
    public void Load(string what, Action<string, JsonNode> accept)
    {
        foreach (var file in Directory.EnumerateFiles(_folder))
        {
            if (Path.GetFileName(file).StartsWith(DurableFile.TempPrefix, StringComparison.Ordinal))
            {
                File.Delete(file); // a write the crash interrupted; its answer was never sent
                continue;
            }

            try
            {
                var document = JsonNode.Parse(File.ReadAllBytes(file))?.AsObject() ?? throw new JsonException("the file holds null");
                var key = document["key"]?.GetValue<string>() ?? throw new JsonException("no key");
                if (PathOf(key) != file)
                {
                    throw new JsonException($"the key '{key}' does not belong to this file name");
                }

                accept(key, document["value"] ?? throw new JsonException("no value"));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException
                or InvalidDataException or KeyNotFoundException or NotSupportedException)
            {
                _data.Quarantine(file, $"unreadable {what} record: {e.Message}");
            }
        }
    }

    private string PathOf(string key) => Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");
}
