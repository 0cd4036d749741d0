namespace BatchKit.Jsonata.Values;

/// <summary>
/// JSON <c>null</c> inside the evaluator. A C# <c>null</c> stands for JSONata's <em>undefined</em> (no value at all),
/// which is a different thing: https://docs.jsonata.org/simple (paths that select nothing are undefined).
/// </summary>
internal sealed class JsonNull
{
    public static readonly JsonNull Value = new();

    private JsonNull()
    {
    }

    public override string ToString() => "null";
}
