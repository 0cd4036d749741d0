using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Writes a Map Run's child executions one by one and flushes the writer every <see cref="FlushBytes"/>: a <see cref="Utf8JsonWriter"/> over a
/// file keeps everything in one growing buffer until it is flushed, so a 1,000-child parent's checkpoint (every 2 s) built
/// a megabyte-sized buffer each time on the large object heap, which only a gen2 collection reclaims. Reading is as usual.
/// </summary>
internal sealed class FlushingChildrenConverter : JsonConverter<IReadOnlyList<ExecutionSnapshot>>
{
    private const int FlushBytes = 32 * 1024;

    public override IReadOnlyList<ExecutionSnapshot> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("executions are read with the archive's reading options");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ExecutionSnapshot> value, JsonSerializerOptions options)
    {
        var snapshot = (JsonTypeInfo<ExecutionSnapshot>)options.GetTypeInfo(typeof(ExecutionSnapshot));
        writer.WriteStartArray();
        foreach (var child in value)
        {
            JsonSerializer.Serialize(writer, child, snapshot);
            if (writer.BytesPending > FlushBytes)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
    }
}
