using System.Text.Json.Nodes;
using BatchKit.Jsonata;
using BatchKit.StatesLanguage.Errors;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Variables set by <c>Assign</c>. Inner scopes (inline Map iterations, Parallel branches) read their parents'
/// variables and keep their own writes local; a Distributed Map's child executions start with an empty scope (they
/// see outer values only through ItemSelector). Most scopes never hold a variable, so storage is lazy; each value is
/// converted for JSONata once, when an expression first reads it.
/// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
/// </summary>
internal sealed class VariableScope(VariableScope? parent)
{
    private Dictionary<string, Variable>? _values;

    public VariableScope Inner() => new(this);

    public bool TryGet(string name, out JsonNode? value)
    {
        if (Find(name) is { } variable)
        {
            value = variable.Node;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The variable in JSONata's form (converted once, then shared by every expression that reads it).</summary>
    public bool TryGetJsonata(string name, out JsonataResult value)
    {
        var variable = Find(name);
        value = variable?.Jsonata ?? JsonataResult.Undefined;
        return variable is not null;
    }

    /// <summary>
    /// Writes in this scope only. A name an outer scope holds cannot be assigned from inside a Map iteration or a
    /// Parallel branch (a States.Runtime failure).
    /// </summary>
    public void Set(string name, JsonNode? value)
    {
        if (parent?.Find(name) is not null)
        {
            throw new FailureException(ErrorNames.Runtime,
                $"Cannot bind value '{Json.JsonText.Serialize(value)}' to variable '{name}' as it belongs to an outer scope.");
        }

        var values = Volatile.Read(ref _values) ?? Interlocked.CompareExchange(ref _values, new(StringComparer.Ordinal), null) ?? _values!;
        lock (values)
        {
            values[name] = new Variable(value);
        }
    }

    /// <summary>A redrive puts back the variables this scope held when its frame entered the state it resumes.</summary>
    public void Load(JsonObject values)
    {
        var own = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            own[name] = new Variable(value?.DeepClone());
        }

        Volatile.Write(ref _values, own);
    }

    /// <summary>This scope's own variables as one object (TestState's inspectionData.variables); empty when none.</summary>
    public JsonObject Snapshot()
    {
        var values = Volatile.Read(ref _values);
        if (values is null)
        {
            return [];
        }

        lock (values)
        {
            return new JsonObject(values.Select(p => KeyValuePair.Create(p.Key, p.Value.Node?.DeepClone())));
        }
    }

    private Variable? Find(string name)
    {
        var values = Volatile.Read(ref _values);
        if (values is not null)
        {
            lock (values)
            {
                if (values.TryGetValue(name, out var variable))
                {
                    return variable;
                }
            }
        }

        return parent?.Find(name);
    }

    private sealed class Variable(JsonNode? node)
    {
        private readonly Lazy<JsonataResult> _jsonata = new(() => JsonataResult.From(node));

        public JsonNode? Node => node;

        public JsonataResult Jsonata => _jsonata.Value;
    }
}
