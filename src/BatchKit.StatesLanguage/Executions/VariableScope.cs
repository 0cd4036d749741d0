using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Variables set by <c>Assign</c>. Inner scopes (Map iterations, Parallel branches) read their parents' variables
/// and keep their own writes local, as AWS scopes them. Most scopes never hold a variable, so storage is lazy.
/// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
/// </summary>
internal sealed class VariableScope(VariableScope? parent)
{
    private Dictionary<string, JsonNode?>? _values;

    public VariableScope Inner() => new(this);

    public bool TryGet(string name, out JsonNode? value)
    {
        var values = Volatile.Read(ref _values);
        if (values is not null)
        {
            lock (values)
            {
                if (values.TryGetValue(name, out value))
                {
                    return true;
                }
            }
        }

        if (parent is not null)
        {
            return parent.TryGet(name, out value);
        }

        value = null;
        return false;
    }

    /// <summary>Writes in this scope only: inner states read outer variables but never assign to them.</summary>
    public void Set(string name, JsonNode? value)
    {
        var values = Volatile.Read(ref _values) ?? Interlocked.CompareExchange(ref _values, new(StringComparer.Ordinal), null) ?? _values!;
        lock (values)
        {
            values[name] = value;
        }
    }
}
