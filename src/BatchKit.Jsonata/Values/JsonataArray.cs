namespace BatchKit.Jsonata.Values;

/// <summary>
/// A JSON array or a JSONata sequence (https://docs.jsonata.org/processing#sequences). The flags are the ones the
/// reference implementation keeps on its arrays: a sequence of one value is that value, unless it must stay an array.
/// </summary>
internal sealed class JsonataArray : List<object?>
{
    public JsonataArray()
    {
    }

    public JsonataArray(int capacity)
        : base(capacity)
    {
    }

    public JsonataArray(IEnumerable<object?> items)
        : base(items)
    {
    }

    /// <summary>Made by the evaluator (a result sequence), not an array of the input or an array constructor.</summary>
    public bool IsSequence { get; set; }

    /// <summary>A singleton sequence that stays an array (the <c>[]</c> suffix on a path step).</summary>
    public bool KeepSingleton { get; set; }

    /// <summary>Built by an array constructor that is a path's first or last step: never flattened into its parent.</summary>
    public bool IsConstructed { get; set; }

    /// <summary>The input document was itself an array; it is wrapped once so it counts as a single context item.</summary>
    public bool OuterWrapper { get; set; }

    /// <summary>Holds <see cref="TupleBinding"/>s of a path with variable bindings (<c>@$v</c>, <c>#$i</c>, <c>%</c>).</summary>
    public bool IsTupleStream { get; set; }

    public static JsonataArray Sequence() => new() { IsSequence = true };

    public static JsonataArray Sequence(object? item)
    {
        var sequence = new JsonataArray { IsSequence = true };
        sequence.Add(item);
        return sequence;
    }
}
