using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// A Map's MaxConcurrency and tolerated failures for one run: a literal, a *Path (JSONPath) or an expression
/// (JSONata), with AWS's causes when a path gives something else than the field takes.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html#maprun-fail-threshold
/// </summary>
internal sealed partial class MapState
{
    private long MaxConcurrency(Frame frame, JsonNode? input)
    {
        if (Fields.IsJsonata)
        {
            return JsonataInteger(map.MaxConcurrencyTemplate, "MaxConcurrency", frame, input) ?? map.MaxConcurrency ?? 0;
        }

        var scope = new StateScope(frame, input);
        var value = PathInteger(map.MaxConcurrency, map.MaxConcurrencyPath, "MaxConcurrencyPath", scope) ?? 0;
        return value >= 0
            ? value
            : throw new FailureException(ErrorNames.Runtime,
                $"The MaxConcurrencyPath field refers to value \"{value}\" which is not a valid integer: {map.MaxConcurrencyPath}");
    }

    private long ToleratedFailureCount(Frame frame, JsonNode? input)
    {
        var count = Fields.IsJsonata
            ? JsonataInteger(map.ToleratedFailureCountTemplate, "ToleratedFailureCount", frame, input) ?? map.ToleratedFailureCount
            : PathInteger(map.ToleratedFailureCount, map.ToleratedFailureCountPath, "ToleratedFailureCountPath", new StateScope(frame, input));
        return count >= 0 || count is null
            ? count ?? 0
            : throw new FailureException(ErrorNames.Runtime, "ToleratedFailureCount cannot be negative.");
    }

    private double ToleratedFailurePercentage(Frame frame, JsonNode? input)
    {
        double percentage;
        if (Fields.IsJsonata && map.ToleratedFailurePercentageTemplate is { } template)
        {
            var value = template.Evaluate(new JsonataScope(frame, input), "ToleratedFailurePercentage");
            percentage = JsonText.IsNumber(value)
                ? JsonText.ToDouble(value!)
                : throw JsonataTypes.Unexpected(template, "ToleratedFailurePercentage", "number", value);
        }
        else if (map.ToleratedFailurePercentagePath is { } path)
        {
            var value = JsonPath.Select(path, new StateScope(frame, input));
            percentage = JsonText.IsNumber(value)
                ? JsonText.ToDouble(value!)
                : throw new FailureException(ErrorNames.Runtime,
                    $"The ToleratedFailurePercentagePath field refers to value \"{Show(value)}\" which is not a valid float: {path}");
        }
        else
        {
            percentage = map.ToleratedFailurePercentage ?? 0;
        }

        return percentage is >= 0 and <= 100
            ? percentage
            : throw new FailureException(ErrorNames.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
    }

    /// <summary>A literal, or an integer at <paramref name="path"/> (any integer: the caller checks the range).</summary>
    private static long? PathInteger(long? literal, string? path, string field, StateScope scope)
    {
        if (path is null)
        {
            return literal;
        }

        var value = JsonPath.Select(path, scope);
        return JsonText.TryGetInteger(value, out var n) && !JsonText.Serialize(value).Contains('.', StringComparison.Ordinal)
            ? n
            : throw new FailureException(ErrorNames.Runtime, $"The {field} field refers to value \"{Show(value)}\" which is not a valid integer: {path}");
    }

    private static long? JsonataInteger(JsonataTemplate? template, string field, Frame frame, JsonNode? input)
    {
        if (template is null)
        {
            return null;
        }

        var value = template.Evaluate(new JsonataScope(frame, input), field);
        return JsonText.TryGetInteger(value, out var n) && n >= 0 ? n : throw JsonataTypes.Unexpected(template, field, "integer", value);
    }

    private static string Show(JsonNode? value) => JsonText.IsString(value, out var s) ? s : JsonText.Serialize(value);
}
