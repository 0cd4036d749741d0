using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Handlers;

/// <summary>Reads a task's state input (a JSON object) and its required fields, naming what is missing.</summary>
internal static class StateInput
{
    public static JsonObject Parse(byte[] payload)
    {
        try
        {
            return JsonNode.Parse(payload) as JsonObject ?? throw new HandlerException(ChunkedCsvErrors.InvalidInput, "the input is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new HandlerException(ChunkedCsvErrors.InvalidInput, $"the input is not JSON: {e.Message}", e);
        }
    }

    public static string Required(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new HandlerException(ChunkedCsvErrors.InvalidInput, $"the input has no string field '{name}'");

    public static int Number(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<int>(out var number)
            ? number
            : throw new HandlerException(ChunkedCsvErrors.InvalidInput, $"the input has no whole-number field '{name}'");

    public static JsonObject Object(JsonObject input, string name) =>
        input[name] as JsonObject ?? throw new HandlerException(ChunkedCsvErrors.InvalidInput, $"the input has no object field '{name}'");

    public static JsonArray Array(JsonObject input, string name) =>
        input[name] as JsonArray ?? throw new HandlerException(ChunkedCsvErrors.InvalidInput, $"the input has no array field '{name}'");

    public static byte[] Bytes(JsonNode output) => System.Text.Encoding.UTF8.GetBytes(output.ToJsonString());
}
