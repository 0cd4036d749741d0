using System.Text.Json.Nodes;
using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata;

/// <summary>A host function: its arguments (undefined where missing) in, a value or undefined out.</summary>
public delegate JsonataResult JsonataHostFunction(IReadOnlyList<JsonataResult> arguments);

/// <summary>
/// Variables and host functions for evaluations (https://docs.jsonata.org/embedding-extending): values are bound
/// once and shared by every evaluation that uses these bindings; a host function declares a JSONata signature
/// such as <c>&lt;s-n?:s&gt;</c> and gets validated arguments. A binding hides a built-in function of the same name.
/// Build the bindings before evaluating with them; they are read-only during evaluations, so safe to share.
/// </summary>
public sealed class JsonataBindings
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    internal IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>Binds <c>$name</c> to a JSON value (the leading <c>$</c> is optional).</summary>
    public JsonataBindings Bind(string name, JsonNode? value)
    {
        _values[VariableName(name)] = JsonNodeConverter.ToValue(value);
        return this;
    }

    /// <summary>Binds <c>$name</c> to a value that may be undefined.</summary>
    public JsonataBindings Bind(string name, JsonataResult value)
    {
        _values[VariableName(name)] = value.Internal;
        return this;
    }

    /// <summary>
    /// Registers <c>$name</c> as a host function with a JSONata signature, e.g. <c>&lt;n-n:n&gt;</c>
    /// (https://docs.jsonata.org/embedding-extending#function-signature-syntax). Throws JsonataException (S04xx)
    /// for an invalid signature.
    /// </summary>
    public JsonataBindings RegisterFunction(string name, string signature, JsonataHostFunction implementation)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(implementation);
        var parsed = Signature.Parse(signature);
        var function = new NativeFunction(VariableName(name), parsed, parsed.ParameterCount, (_, args) =>
        {
            var arguments = new JsonataResult[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                arguments[i] = JsonataResult.FromInternal(args[i]);
            }

            return implementation(arguments).Internal;
        });
        _values[VariableName(name)] = function;
        return this;
    }

    private static string VariableName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name.StartsWith('$') ? name[1..] : name;
    }
}
