using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Payloads;

/// <summary>
/// The result types a field needs from a JSONata expression (Items an array, Condition a boolean, Seconds a number),
/// and AWS's wording when it gets another: "... returned an unexpected result type. Expected 'array', but was
/// 'string' for value: "x"".
/// </summary>
internal static class JsonataTypes
{
    /// <summary>The JSONata type name AWS quotes: null, number, string, boolean, array or object.</summary>
    public static string Name(JsonNode? value) => JsonText.Kind(value) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    public static FailureException Unexpected(JsonataTemplate template, string field, string expected, JsonNode? value)
    {
        var found = $"Expected '{expected}', but was '{Name(value)}' for value: {JsonText.Serialize(value)}";
        return template.ExpressionText is { } text
            ? JsonataTemplate.QueryError(
                $"The JSONata expression '{text}' specified for the field '{field}' returned an unexpected result type. {found}", field)
            : JsonataTemplate.QueryError($"The field '{field}' has an unexpected type. {found}", field);
    }
}
