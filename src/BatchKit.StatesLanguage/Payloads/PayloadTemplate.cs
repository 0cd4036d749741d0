using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Intrinsics;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.Payloads;

/// <summary>
/// Parameters, ItemSelector, ResultSelector and Assign values: a key ending in <c>.$</c> takes the value of a path
/// or an intrinsic function (and loses the suffix); every other value is copied as is, recursively.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
/// </summary>
internal static class PayloadTemplate
{
    public static JsonNode? Evaluate(JsonNode? template, IPathScope scope) => template switch
    {
        JsonObject o => EvaluateObject(o, scope),
        JsonArray a => new JsonArray(a.Select(item => Evaluate(item, scope)).ToArray()),
        _ => JsonText.Clone(template),
    };

    /// <summary>The value of one <c>.$</c> field: an intrinsic call or a path.</summary>
    public static JsonNode? EvaluateExpression(string field, string expression, IPathScope scope)
    {
        if (IntrinsicFunctions.IsIntrinsic(expression))
        {
            return IntrinsicFunctions.Evaluate(expression, scope);
        }

        return JsonPath.TrySelect(expression, scope, out var value)
            ? JsonText.Clone(value)
            : throw new FailureException(ErrorNames.Runtime,
                $"The JSONPath '{expression}' specified for the field '{field}' could not be found in the input '{JsonText.Serialize(scope.Input)}'");
    }

    private static JsonObject EvaluateObject(JsonObject template, IPathScope scope)
    {
        var result = new JsonObject();
        foreach (var (key, value) in template)
        {
            if (key.EndsWith(".$", StringComparison.Ordinal) && JsonText.IsString(value, out var expression))
            {
                result[key[..^2]] = EvaluateExpression(key, expression, scope);
            }
            else
            {
                result[key] = Evaluate(value, scope);
            }
        }

        return result;
    }
}
