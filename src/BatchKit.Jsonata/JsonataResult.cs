using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata;

/// <summary>
/// A JSONata value at the boundary: either undefined (no value, e.g. a path that matched nothing) or a JSON value,
/// where a JSON <c>null</c> is a defined value. <c>default</c> is undefined. It holds the value in the evaluator's
/// form too, so an input made once with <see cref="From"/> is evaluated any number of times (from any thread)
/// without being converted again; it is a snapshot: later changes to the node are not seen.
/// </summary>
public readonly struct JsonataResult : IEquatable<JsonataResult>
{
    private readonly bool _defined;
    private readonly JsonNode? _node;
    private readonly object? _value;

    private JsonataResult(object? value, JsonNode? node, bool defined)
    {
        _value = value;
        _node = node;
        _defined = defined;
    }

    public static JsonataResult Undefined => default;

    /// <summary>No value: JSONata's undefined.</summary>
    public bool IsUndefined => !_defined;

    /// <summary>The JSON value; null for JSON null and for undefined (check <see cref="IsUndefined"/>).</summary>
    public JsonNode? Value => _node;

    /// <summary>The JSON text as jsonata-js's JSON.stringify writes it, or null when undefined.</summary>
    public string? ToJsonString(bool indented = false) => _defined ? JsonWriter.Stringify(_value ?? JsonNull.Value, indented) : null;

    public static JsonataResult From(JsonNode? value) => new(JsonNodeConverter.ToValue(value), value, defined: true);

    /// <summary>
    /// A value from JSON text, read as JavaScript's JSON.parse reads it (a repeated key: the last one wins).
    /// Throws System.Text.Json's JsonException for text that is not JSON.
    /// </summary>
    public static JsonataResult Parse(string json, int maxDepth = 512)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
        return FromInternal(JsonNodeConverter.ToValue(document.RootElement) ?? JsonNull.Value);
    }

    internal object? Internal => _defined ? _value : null;

    /// <summary>From the evaluator's value (null is undefined); functions at the top are undefined, as JSON.stringify has it.</summary>
    internal static JsonataResult FromInternal(object? value)
    {
        if (value is null or JsonataFunction)
        {
            return Undefined;
        }

        return new JsonataResult(value, JsonNodeConverter.ToNode(value), defined: true);
    }

    public override string ToString() => ToJsonString() ?? "undefined";

    public bool Equals(JsonataResult other) =>
        _defined == other._defined && (!_defined || JsonNode.DeepEquals(_node, other._node));

    public override bool Equals(object? obj) => obj is JsonataResult other && Equals(other);

    public override int GetHashCode() => _defined ? (_node?.ToJsonString() ?? "null").GetHashCode(StringComparison.Ordinal) : 0;

    public static bool operator ==(JsonataResult left, JsonataResult right) => left.Equals(right);

    public static bool operator !=(JsonataResult left, JsonataResult right) => !left.Equals(right);
}
