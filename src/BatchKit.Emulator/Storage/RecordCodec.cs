using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace BatchKit.Emulator.Storage;

/// <summary>
/// How a record becomes JSON and back. Decode throws (JsonException, InvalidDataException…) on a record it cannot
/// trust, and start-up quarantines that file.
/// </summary>
internal sealed record RecordCodec<T>(Func<T, JsonNode?> Encode, Func<JsonNode, T> Decode)
{
    /// <summary>
    /// System.Text.Json's mapping of the record's properties, as <see cref="RecordJson"/> generates it. Built on the first
    /// record written or read, not when the table is made: for the tables of an empty data directory that was 7 % of the
    /// Native AOT emulator's start-up CPU (issue 17).
    /// </summary>
    public static RecordCodec<T> Json
    {
        get
        {
            var info = new Lazy<JsonTypeInfo<T>>(() => RecordJson.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
                ?? throw new InvalidOperationException(
                    $"{typeof(T).Name} has no generated JSON mapping: add [JsonSerializable(typeof({typeof(T).Name}))] to {nameof(RecordJson)}"));
            return new(
                value => JsonSerializer.SerializeToNode(value, info.Value),
                node => node.Deserialize(info.Value) ?? throw new JsonException("the value is null"));
        }
    }
}
