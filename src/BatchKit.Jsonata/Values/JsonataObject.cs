namespace BatchKit.Jsonata.Values;

/// <summary>
/// A JSON object. Keys keep the order JavaScript gives them, which JSONata's results show ($keys, $each, $string):
/// array-index keys ("0", "17") first in numeric order, then the others in insertion order
/// (https://tc39.es/ecma262/#sec-ordinaryownpropertykeys).
/// </summary>
internal class JsonataObject
{
    private readonly OrderedDictionary<string, object?> _entries;
    private int _indexKeys;

    public JsonataObject()
    {
        _entries = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
    }

    public JsonataObject(int capacity)
    {
        _entries = new OrderedDictionary<string, object?>(capacity, StringComparer.Ordinal);
    }

    public int Count => _entries.Count;

    public bool TryGetValue(string key, out object? value) => _entries.TryGetValue(key, out value);

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public object? this[string key]
    {
        get => _entries.TryGetValue(key, out var value) ? value : null;
        set
        {
            if (!_entries.ContainsKey(key) && IsArrayIndex(key))
            {
                _indexKeys++;
            }

            _entries[key] = value;
        }
    }

    public bool Remove(string key)
    {
        if (!_entries.Remove(key))
        {
            return false;
        }

        if (IsArrayIndex(key))
        {
            _indexKeys--;
        }

        return true;
    }

    /// <summary>The entries in JavaScript's property order.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Entries => _indexKeys == 0 ? _entries : JavaScriptOrder();

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in Entries)
            {
                yield return entry.Key;
            }
        }
    }

    /// <summary>A canonical unsigned integer below 2^32 - 1: JavaScript enumerates those keys first.</summary>
    public static bool IsArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10 || (key[0] == '0' && key.Length > 1))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return ulong.Parse(key, System.Globalization.CultureInfo.InvariantCulture) < uint.MaxValue;
    }

    private List<KeyValuePair<string, object?>> JavaScriptOrder()
    {
        var indexed = new List<KeyValuePair<string, object?>>(_indexKeys);
        var named = new List<KeyValuePair<string, object?>>(_entries.Count - _indexKeys);
        foreach (var entry in _entries)
        {
            (IsArrayIndex(entry.Key) ? indexed : named).Add(entry);
        }

        indexed.Sort((a, b) => ulong.Parse(a.Key, System.Globalization.CultureInfo.InvariantCulture)
            .CompareTo(ulong.Parse(b.Key, System.Globalization.CultureInfo.InvariantCulture)));
        indexed.AddRange(named);
        return indexed;
    }
}
