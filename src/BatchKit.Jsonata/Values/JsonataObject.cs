namespace BatchKit.Jsonata.Values;

/// <summary>
/// A JSON object. Keys keep the order JavaScript gives them, which JSONata's results show ($keys, $each, $string):
/// array-index keys ("0", "17") first in numeric order, then the others in insertion order
/// (https://tc39.es/ecma262/#sec-ordinaryownpropertykeys). Small objects, the common case, are two short arrays
/// searched in order; past <see cref="SmallLimit"/> keys a hash map takes over.
/// </summary>
internal class JsonataObject
{
    private const int SmallLimit = 8;

    private string[] _keys;
    private object?[] _values;
    private int _count;
    private OrderedDictionary<string, object?>? _map;
    private int _indexKeys;

    public JsonataObject()
        : this(4)
    {
    }

    public JsonataObject(int capacity)
    {
        capacity = Math.Clamp(capacity, 1, SmallLimit);
        _keys = new string[capacity];
        _values = new object?[capacity];
    }

    public int Count => _map?.Count ?? _count;

    public bool TryGetValue(string key, out object? value)
    {
        if (_map is not null)
        {
            return _map.TryGetValue(key, out value);
        }

        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public bool ContainsKey(string key) => _map?.ContainsKey(key) ?? IndexOf(key) >= 0;

    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : null;
        set => Set(key, value);
    }

    public bool Remove(string key)
    {
        bool removed;
        if (_map is not null)
        {
            removed = _map.Remove(key);
        }
        else
        {
            var i = IndexOf(key);
            removed = i >= 0;
            if (removed)
            {
                Array.Copy(_keys, i + 1, _keys, i, _count - i - 1);
                Array.Copy(_values, i + 1, _values, i, _count - i - 1);
                _count--;
                _keys[_count] = null!;
                _values[_count] = null;
            }
        }

        if (removed && IsArrayIndex(key))
        {
            _indexKeys--;
        }

        return removed;
    }

    /// <summary>The entries in JavaScript's property order.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Entries => _indexKeys == 0 ? InsertionOrder() : JavaScriptOrder();

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

    private void Set(string key, object? value)
    {
        if (_map is not null)
        {
            if (!_map.ContainsKey(key) && IsArrayIndex(key))
            {
                _indexKeys++;
            }

            _map[key] = value;
            return;
        }

        var i = IndexOf(key);
        if (i >= 0)
        {
            _values[i] = value;
            return;
        }

        if (IsArrayIndex(key))
        {
            _indexKeys++;
        }

        if (_count == SmallLimit)
        {
            _map = new OrderedDictionary<string, object?>(SmallLimit * 2, StringComparer.Ordinal);
            for (var k = 0; k < _count; k++)
            {
                _map.Add(_keys[k], _values[k]);
            }

            _map.Add(key, value);
            return;
        }

        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, Math.Min(_keys.Length * 2, SmallLimit));
            Array.Resize(ref _values, _keys.Length);
        }

        _keys[_count] = key;
        _values[_count] = value;
        _count++;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _count; i++)
        {
            var candidate = _keys[i];
            if (ReferenceEquals(candidate, key) || (candidate.Length == key.Length && string.Equals(candidate, key, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return -1;
    }

    private IEnumerable<KeyValuePair<string, object?>> InsertionOrder()
    {
        if (_map is not null)
        {
            return _map;
        }

        var entries = new KeyValuePair<string, object?>[_count];
        for (var i = 0; i < _count; i++)
        {
            entries[i] = new(_keys[i], _values[i]);
        }

        return entries;
    }

    private List<KeyValuePair<string, object?>> JavaScriptOrder()
    {
        var indexed = new List<KeyValuePair<string, object?>>(_indexKeys);
        var named = new List<KeyValuePair<string, object?>>(Count - _indexKeys);
        foreach (var entry in InsertionOrder())
        {
            (IsArrayIndex(entry.Key) ? indexed : named).Add(entry);
        }

        indexed.Sort((a, b) => ulong.Parse(a.Key, System.Globalization.CultureInfo.InvariantCulture)
            .CompareTo(ulong.Parse(b.Key, System.Globalization.CultureInfo.InvariantCulture)));
        indexed.AddRange(named);
        return indexed;
    }
}
