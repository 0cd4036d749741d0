using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Protocol;

/// <summary>Converts member names between Step Functions' PascalCase integration parameters and an API's camelCase.</summary>
internal static class JsonCase
{
    public static JsonNode? ToCamel(JsonNode? node) => Convert(node, name => char.ToLowerInvariant(name[0]) + name[1..]);

    public static JsonNode? ToPascal(JsonNode? node) => Convert(node, name => char.ToUpperInvariant(name[0]) + name[1..]);

    private static JsonNode? Convert(JsonNode? node, Func<string, string> rename) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key.Length == 0 ? p.Key : rename(p.Key), Convert(p.Value, rename)))),
        JsonArray a => new JsonArray(a.Select(i => Convert(i, rename)).ToArray()),
        _ => node?.DeepClone(),
    };
}
