namespace BatchKit.Jsonata.Values;

/// <summary>
/// One item of a tuple stream: the context value (<c>@</c>) and the variables a path has bound so far (focus
/// <c>@$v</c>, position <c>#$i</c>, and the hidden labels the parent operator <c>%</c> reads). It is an object,
/// as in the reference implementation, where a tuple that escapes into a value (after an order-by) reads as
/// <c>{"@": ..., "i": 0}</c>.
/// </summary>
internal sealed class TupleBinding : JsonataObject
{
    public const string ContextName = "@";

    public TupleBinding(object? context)
        : base(4)
    {
        this[ContextName] = context;
    }

    private TupleBinding()
        : base(4)
    {
    }

    public object? Context
    {
        get => this[ContextName];
        set => this[ContextName] = value;
    }

    public TupleBinding Copy()
    {
        var copy = new TupleBinding();
        copy.CopyFrom(this);
        return copy;
    }

    public object? Get(string name) => this[name];

    public void Set(string name, object? value) => this[name] = value;

    public void CopyFrom(TupleBinding other)
    {
        foreach (var (name, value) in other.Entries)
        {
            this[name] = value;
        }
    }
}
