namespace BatchKit.Jsonata.Values;

/// <summary>
/// One item of a tuple stream: the context value (<c>@</c>) and the variables a path has bound so far
/// (focus <c>@$v</c>, position <c>#$i</c>, and the hidden labels the parent operator <c>%</c> reads).
/// </summary>
internal sealed class TupleBinding
{
    public const string ContextName = "@";

    private readonly List<KeyValuePair<string, object?>> _entries;

    public TupleBinding(object? context)
    {
        _entries = new List<KeyValuePair<string, object?>>(4) { new(ContextName, context) };
    }

    private TupleBinding(List<KeyValuePair<string, object?>> entries)
    {
        _entries = entries;
    }

    public object? Context
    {
        get => Get(ContextName);
        set => Set(ContextName, value);
    }

    public IReadOnlyList<KeyValuePair<string, object?>> Entries => _entries;

    public TupleBinding Copy() => new(new List<KeyValuePair<string, object?>>(_entries));

    public object? Get(string name)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == name)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public bool Has(string name)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    public void Set(string name, object? value)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == name)
            {
                _entries[i] = new(name, value);
                return;
            }
        }

        _entries.Add(new(name, value));
    }

    public void Remove(string name)
    {
        _entries.RemoveAll(e => e.Key == name);
    }

    public void CopyFrom(TupleBinding other)
    {
        foreach (var entry in other._entries)
        {
            Set(entry.Key, entry.Value);
        }
    }
}
