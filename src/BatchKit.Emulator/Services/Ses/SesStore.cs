using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Ses;

/// <summary>
/// The local mailbox: every message SES accepted, one JSON file each under <c>ses/mailbox/</c> in the data directory
/// (written to a temporary file, fsynced and renamed, so a reader never sees half a message), named so that the
/// names sort by sending time. Verified identities are kept with it (<c>ses/identities.json</c>).
/// </summary>
internal sealed class SesStore
{
    private readonly string _mailbox;
    private readonly string _identitiesPath;
    private readonly Lock _sync = new();
    private long _sequence;

    public SesStore(EmulatorOptions options)
    {
        var root = Path.GetFullPath(Path.Combine(options.DataDirectory, "ses"));
        _mailbox = Path.Combine(root, "mailbox");
        _identitiesPath = Path.Combine(root, "identities.json");
        Directory.CreateDirectory(_mailbox);
        if (File.Exists(_identitiesPath))
        {
            foreach (var identity in JsonNode.Parse(File.ReadAllText(_identitiesPath))!.AsArray())
            {
                Identities[identity!.GetValue<string>()] = true;
            }
        }
    }

    public ConcurrentDictionary<string, bool> Identities { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void AddIdentity(string identity)
    {
        lock (_sync)
        {
            Identities[identity] = true;
            WriteAtomically(_identitiesPath, new JsonArray([.. Identities.Keys.Order(StringComparer.Ordinal).Select(i => (JsonNode)i)]).ToJsonString());
        }
    }

    public void RemoveIdentity(string identity)
    {
        lock (_sync)
        {
            Identities.TryRemove(identity, out _);
            WriteAtomically(_identitiesPath, new JsonArray([.. Identities.Keys.Order(StringComparer.Ordinal).Select(i => (JsonNode)i)]).ToJsonString());
        }
    }

    /// <summary>True when the address, or its domain, is a verified identity.</summary>
    public bool IsVerified(string address)
    {
        var bare = address.Contains('<', StringComparison.Ordinal) ? address[(address.IndexOf('<', StringComparison.Ordinal) + 1)..].TrimEnd('>', ' ')
            : address.Trim();
        return Identities.ContainsKey(bare) || (bare.Split('@') is [_, var domain] && Identities.ContainsKey(domain));
    }

    public void Deliver(JsonObject message)
    {
        lock (_sync)
        {
            var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{++_sequence:D6}-{message["MessageId"]}.json";
            WriteAtomically(Path.Combine(_mailbox, name), message.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
    }

    /// <summary>Every message in the mailbox, oldest first.</summary>
    public List<JsonObject> Messages() =>
        [.. Directory.EnumerateFiles(_mailbox, "*.json").Order(StringComparer.Ordinal).Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())];

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
}
