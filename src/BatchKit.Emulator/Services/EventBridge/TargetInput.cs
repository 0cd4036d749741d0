using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// What a target receives for an event: the whole event, a constant <c>Input</c>, the part at <c>InputPath</c>, or an
/// <c>InputTransformer</c>'s template with its placeholders filled from the event.
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
/// </summary>
internal static partial class TargetInput
{
    public static string For(JsonObject target, JsonObject @event, EventRule rule)
    {
        if (target["Input"]?.GetValue<string>() is { } constant)
        {
            return constant;
        }

        if (target["InputPath"]?.GetValue<string>() is { } path)
        {
            return Select(@event, path)?.ToJsonString() ?? "null";
        }

        if (target["InputTransformer"] is JsonObject transformer)
        {
            return Transform(transformer, @event, rule);
        }

        return @event.ToJsonString();
    }

    /// <summary>Checks a target's input settings when PutTargets is called, so a bad path fails there rather than at delivery.</summary>
    public static void Check(JsonObject target)
    {
        var given = new[] { "Input", "InputPath", "InputTransformer" }.Count(k => target[k] is not null);
        if (given > 1)
        {
            throw EventBridgeErrors.Validation("Only one of Input, InputPath, or InputTransformer may be specified for a target.");
        }

        if (target["Input"]?.GetValue<string>() is { } input)
        {
            try
            {
                JsonDocument.Parse(input).Dispose();
            }
            catch (JsonException)
            {
                throw EventBridgeErrors.Validation($"Input for target {target["Id"]} is not valid JSON text.");
            }
        }

        foreach (var (_, path) in target["InputTransformer"]?["InputPathsMap"] as JsonObject ?? [])
        {
            if (path?.GetValue<string>() is not { } p || !p.StartsWith('$'))
            {
                throw EventBridgeErrors.Validation($"InputPathsMap of target {target["Id"]} holds an invalid JSON path: {path}");
            }
        }

        if (target["InputTransformer"] is JsonObject t && t["InputTemplate"] is null)
        {
            throw EventBridgeErrors.Validation("InputTransformer requires an InputTemplate.");
        }
    }

    /// <summary>A JSON path of dotted members and [n] indexes, from <c>$</c>.</summary>
    public static JsonNode? Select(JsonNode? root, string path)
    {
        var current = root;
        foreach (Match step in PathStep().Matches(path[1..]))
        {
            current = step.Groups[1].Success ? (current as JsonObject)?[step.Groups[1].Value] : (current as JsonArray) is { } a
                && int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < a.Count ? a[i] : null;
        }

        return current;
    }

    /// <summary>A placeholder inside quotes takes the value's text; outside quotes, its JSON. Missing values are empty (or null).</summary>
    private static string Transform(JsonObject transformer, JsonObject @event, EventRule rule)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["aws.events.rule-arn"] = rule.Arn, ["aws.events.rule-name"] = rule.Name, ["aws.events.event"] = @event.DeepClone(),
            ["aws.events.event.json"] = @event.DeepClone(), ["aws.events.event.ingestion-time"] = @event["time"]?.DeepClone(),
        };
        foreach (var (name, path) in transformer["InputPathsMap"] as JsonObject ?? [])
        {
            values[name] = Select(@event, path!.GetValue<string>())?.DeepClone();
        }

        var template = transformer["InputTemplate"]!.GetValue<string>();
        var output = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '"' && (i == 0 || template[i - 1] != '\\'))
            {
                quoted = !quoted;
            }

            var end = c == '<' ? template.IndexOf('>', i) : -1;
            if (end > i && values.TryGetValue(template[(i + 1)..end], out var value))
            {
                output.Append(quoted ? Inner(value) : value?.ToJsonString() ?? "null");
                i = end;
                continue;
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static string Inner(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? JsonEncodedText.Encode(s).ToString() : JsonEncodedText.Encode(value?.ToJsonString()
            ?? "").ToString();

    [GeneratedRegex(@"\.([^.\[]+)|\[(\d+)\]")]
    private static partial Regex PathStep();
}
