using System.Globalization;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// Reads the query protocol's flat parameters into the JSON members the providers use: <c>A.B=x</c> is a nested
/// member, <c>A.member.N</c> (or flattened <c>A.N</c>) a list, <c>A.entry.N.key/value</c> a map. Every value stays a
/// string; providers read numbers and booleans from either form.
/// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#query-key-resolution
/// </summary>
internal static class QueryParameters
{
    public static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var root = new JsonObject();
        foreach (var (key, value) in parameters)
        {
            if (key is "Action" or "Version" || key.StartsWith("X-Amz-", StringComparison.Ordinal))
            {
                continue;
            }

            var segments = key.Split('.');
            var node = root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                node = node[segments[i]] as JsonObject ?? (JsonObject)(node[segments[i]] = new JsonObject());
            }

            node[segments[^1]] = value;
        }

        return (JsonObject)Shape(root)!;
    }

    /// <summary>Objects keyed 1..N become lists; <c>member</c> wrappers collapse; <c>entry</c> lists become maps.</summary>
    private static JsonNode? Shape(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            return node?.DeepClone();
        }

        if (o.Count > 0 && o.All(p => int.TryParse(p.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return new JsonArray([.. o.OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture)).Select(p => Shape(p.Value))]);
        }

        if (o.Count == 1 && o["member"] is { } member)
        {
            return Shape(member);
        }

        if (o.Count == 1 && o["entry"] is JsonObject entries)
        {
            var map = new JsonObject();
            foreach (var entry in entries.Select(e => e.Value as JsonObject))
            {
                if (entry?["key"]?.GetValue<string>() is { } k)
                {
                    map[k] = Shape(entry["value"]);
                }
            }

            return map;
        }

        return new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Shape(p.Value))));
    }
}
