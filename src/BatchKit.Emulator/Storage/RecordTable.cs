using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace BatchKit.Emulator.Storage;

/// <summary>
/// A service's records by key (parameters by name, functions by name, state machines by ARN), read from memory and
/// written through to one small file per record: <c>&lt;data&gt;/&lt;folder&gt;/&lt;SHA-256 of the key&gt;.json</c> holding
/// <c>{"key":…,"value":…}</c>, replaced atomically and fsynced before the write returns, so what an answer
/// acknowledged survives a crash. A file start-up cannot read is quarantined and the rest load. With
/// <c>--ephemeral</c> the table is memory only. The methods are named as <see cref="ConcurrentDictionary{TKey,TValue}"/>'s.
/// </summary>
internal sealed class RecordTable<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly RecordCodec<T> _codec;
    private readonly RecordFolder? _folder;
    private readonly Lock _writes = new();

    public RecordTable(DataDirectory data, string folder, RecordCodec<T>? codec = null)
    {
        _codec = codec ?? RecordCodec<T>.Json;
        if (data.Durable)
        {
            _folder = new RecordFolder(data, folder);
            _folder.Load(typeof(T).Name, (key, value) => _items[key] = _codec.Decode(value));
        }
    }

    public ICollection<T> Values => _items.Values;

    public ICollection<string> Keys => _items.Keys;

    public T this[string key]
    {
        get => _items[key];
        set => Write(key, value);
    }

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value) => _items.TryGetValue(key, out value);

    public T? GetValueOrDefault(string key) => _items.GetValueOrDefault(key);

    public bool TryAdd(string key, T value)
    {
        lock (_writes)
        {
            if (_items.ContainsKey(key))
            {
                return false;
            }

            Write(key, value);
            return true;
        }
    }

    public T GetOrAdd(string key, Func<string, T> create)
    {
        lock (_writes)
        {
            if (_items.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var value = create(key);
            Write(key, value);
            return value;
        }
    }

    public bool TryRemove(string key, [MaybeNullWhen(false)] out T value)
    {
        lock (_writes)
        {
            if (!_items.TryRemove(key, out value))
            {
                return false;
            }

            _folder?.Delete(key);

            return true;
        }
    }

    /// <summary>Writes a record again after it was changed in place (a list of revisions, a policy's statements).</summary>
    public void Save(string key)
    {
        lock (_writes)
        {
            if (_items.TryGetValue(key, out var value))
            {
                Persist(key, value);
            }
        }
    }

    private void Write(string key, T value)
    {
        lock (_writes)
        {
            Persist(key, value); // the file first: a record is never visible before it is durable
            _items[key] = value;
        }
    }

    private void Persist(string key, T value) => _folder?.Write(key, _codec.Encode(value));
}
