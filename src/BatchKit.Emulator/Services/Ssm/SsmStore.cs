using System.Text.Json.Nodes;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>Parameters by name, their histories and tags, each kept in the data directory (a SecureString as its ciphertext).</summary>
internal sealed class SsmStore(DataDirectory data)
{
    public RecordTable<SsmParameter> Parameters { get; } = new(data, "ssm-parameters");

    /// <summary>Every version of each parameter, oldest first (GetParameterHistory), kept beside the parameters.</summary>
    public RecordTable<List<SsmParameter>> History { get; } = new(data, "ssm-parameter-history");

    /// <summary>Tags by parameter name, in ordinal key order as ListTagsForResource answers them.</summary>
    public RecordTable<SortedDictionary<string, string>> Tags { get; } = new(data, "ssm-parameter-tags", new(
        tags => new JsonObject([.. tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]),
        node => new SortedDictionary<string, string>(
            node.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal), StringComparer.Ordinal)));
}
