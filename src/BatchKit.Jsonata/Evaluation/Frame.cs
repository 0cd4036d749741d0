using BatchKit.Jsonata.Functions;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// A scope of variable bindings (https://docs.jsonata.org/programming#variables): blocks, lambda calls and tuple
/// steps each open one. Lookup walks outwards, then the host bindings, then the built-in functions. A name bound
/// to undefined still hides an outer one, as in the reference.
/// </summary>
internal sealed class Frame
{
    private readonly Frame? _parent;
    private readonly IReadOnlyDictionary<string, object?>? _hostBindings;
    private string[]? _names;
    private object?[]? _values;
    private int _count;

    public Frame(Frame parent)
    {
        _parent = parent;
        Context = parent.Context;
        IsParallelCall = parent.IsParallelCall;
    }

    /// <summary>The root frame of an evaluation, over the host's bindings.</summary>
    public Frame(EvaluationContext context, IReadOnlyDictionary<string, object?>? hostBindings)
    {
        Context = context;
        _hostBindings = hostBindings;
    }

    public EvaluationContext Context { get; }

    /// <summary>
    /// The reference marks a scope while it evaluates the items of an array or object constructor after the first
    /// ("parallel" calls); its depth guard does not count evaluations in such a scope. A new scope starts with its
    /// parent's mark. Kept so a depth limit cuts off exactly where the reference's does.
    /// </summary>
    public bool IsParallelCall { get; set; }

    public void Bind(string name, object? value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_names![i], name) || _names[i] == name)
            {
                _values![i] = value;
                return;
            }
        }

        if (_names is null || _count == _names.Length)
        {
            var capacity = _names is null ? 2 : _names.Length * 2;
            Array.Resize(ref _names, capacity);
            Array.Resize(ref _values, capacity);
        }

        _names[_count] = name;
        _values![_count] = value;
        _count++;
    }

    public object? Lookup(string name)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            for (var i = 0; i < frame._count; i++)
            {
                if (ReferenceEquals(frame._names![i], name) || frame._names[i] == name)
                {
                    return frame._values![i];
                }
            }

            if (frame._hostBindings is not null && frame._hostBindings.TryGetValue(name, out var bound))
            {
                return bound;
            }
        }

        return BuiltInFunctions.Lookup(name);
    }
}
