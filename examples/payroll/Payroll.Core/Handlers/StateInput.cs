using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;

namespace Payroll.Handlers;

/// <summary>Reads a task's state input (a JSON object) and its required string fields, naming what is missing.</summary>
internal static class StateInput
{
    public static JsonObject Parse(byte[] payload)
    {
        try
        {
            return JsonNode.Parse(payload) as JsonObject ?? throw new HandlerException(PayrollErrors.InvalidInput, "the input is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new HandlerException(PayrollErrors.InvalidInput, $"the input is not JSON: {e.Message}", e);
        }
    }

    public static string Required(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new HandlerException(PayrollErrors.InvalidInput, $"the input has no string field '{name}'");

    public static byte[] Bytes(JsonNode output) => System.Text.Encoding.UTF8.GetBytes(output.ToJsonString());
}
