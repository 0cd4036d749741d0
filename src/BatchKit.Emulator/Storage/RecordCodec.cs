using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Storage;

/// <summary>
/// How a record becomes JSON and back. Decode throws (JsonException, InvalidDataException…) on a record it cannot
/// trust, and start-up quarantines that file.
/// </summary>
internal sealed record RecordCodec<T>(Func<T, JsonNode?> Encode, Func<JsonNode, T> Decode)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <summary>System.Text.Json's own mapping of the record's properties.</summary>
    public static RecordCodec<T> Json { get; } = new(
        value => JsonSerializer.SerializeToNode(value, Options),
        node => node.Deserialize<T>(Options) ?? throw new JsonException("the value is null"));
}
