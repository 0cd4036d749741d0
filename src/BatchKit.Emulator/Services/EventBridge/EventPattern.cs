using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// An event pattern and the test of an event against it: every field named must match one of its values or filters
/// (exact values, prefix, suffix, anything-but, numeric, exists, wildcard, equals-ignore-case, cidr), nested objects
/// match nested fields, and <c>$or</c> takes any of its patterns. An array in the event matches when any element does.
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
/// </summary>
internal sealed class EventPattern
{
    private readonly JsonObject _pattern;

    private EventPattern(JsonObject pattern) => _pattern = pattern;

    /// <summary>Parses and checks a pattern; a malformed one fails with InvalidEventPatternException, as PutRule does on AWS.</summary>
    public static EventPattern Parse(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw EventBridgeErrors.InvalidPattern("Filter is not valid JSON: " + e.Message);
        }

        var pattern = node as JsonObject ?? throw EventBridgeErrors.InvalidPattern("Filter is not an object");
        Check(pattern);
        return new EventPattern(pattern);
    }

    public bool Matches(JsonNode? @event) => Matches(_pattern, @event);

    private static void Check(JsonObject pattern)
    {
        foreach (var (key, value) in pattern)
        {
            switch (value)
            {
                case JsonArray alternatives when key == "$or":
                    foreach (var alternative in alternatives)
                    {
                        Check(alternative as JsonObject ?? throw EventBridgeErrors.InvalidPattern("$or takes an array of objects"));
                    }

                    break;
                case JsonObject nested:
                    Check(nested);
                    break;
                case JsonArray matchers:
                    foreach (var matcher in matchers.OfType<JsonObject>())
                    {
                        CheckFilter(key, matcher);
                    }

                    break;
                default:
                    throw EventBridgeErrors.InvalidPattern($"Match value must be String, number, true, false, or null at \"{key}\"; it must sit in an array");
            }
        }
    }

    private static void CheckFilter(string key, JsonObject filter)
    {
        string[] known = ["prefix", "suffix", "anything-but", "numeric", "exists", "wildcard", "equals-ignore-case", "cidr"];
        if (filter.Count != 1 || !known.Contains(filter.First().Key))
        {
            throw EventBridgeErrors.InvalidPattern($"Unrecognized match type {filter.ToJsonString()} at \"{key}\"");
        }

        if (filter["numeric"] is JsonArray numeric && (numeric.Count is not (2 or 4) || numeric.Where((_, i) => i % 2 == 0).Any(o
            => o?.GetValue<string>() is not ("<" or "<=" or "=" or ">" or ">="))))
        {
            throw EventBridgeErrors.InvalidPattern($"Bad numeric range at \"{key}\": {numeric.ToJsonString()}");
        }
    }

    private static bool Matches(JsonObject pattern, JsonNode? @event)
    {
        foreach (var (key, value) in pattern)
        {
            var matched = value switch
            {
                JsonArray alternatives when key == "$or" => alternatives.Any(a => Matches(a!.AsObject(), @event)),
                JsonObject nested => Matches(nested, (@event as JsonObject)?[key]),
                JsonArray matchers => Field(matchers, @event is JsonObject o && o.ContainsKey(key), (@event as JsonObject)?[key]),
                _ => false,
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Field(JsonArray matchers, bool present, JsonNode? field)
    {
        var values = field is JsonArray array ? [.. array] : new List<JsonNode?> { field };
        return matchers.Any(m => m is JsonObject filter
            ? Filter(filter, present, values)
            : present && values.Any(v => Same(m, v)));
    }

    private static bool Filter(JsonObject filter, bool present, List<JsonNode?> values)
    {
        var (name, argument) = (filter.First().Key, filter.First().Value);
        if (name == "exists")
        {
            return argument!.GetValue<bool>() == present;
        }

        return present && name switch
        {
            "anything-but" => values.All(v => !AnythingBut(argument, v)),
            _ => values.Any(v => Test(name, argument, v)),
        };
    }

    /// <summary>True when the value is one the anything-but excludes.</summary>
    private static bool AnythingBut(JsonNode? argument, JsonNode? value) => argument switch
    {
        JsonArray excluded => excluded.Any(e => Same(e, value)),
        JsonObject inner => Test(inner.First().Key, inner.First().Value, value),
        _ => Same(argument, value),
    };

    private static bool Test(string name, JsonNode? argument, JsonNode? value)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return name switch
        {
            "prefix" => text is not null && Affix(argument, text, start: true),
            "suffix" => text is not null && Affix(argument, text, start: false),
            "equals-ignore-case" => text is not null && string.Equals(text, argument!.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
            "wildcard" => text is not null && Wildcard(argument!.GetValue<string>()).IsMatch(text),
            "numeric" => Number(value) is { } n && Numeric(argument!.AsArray(), n),
            "cidr" => text is not null && IPAddress.TryParse(text, out var ip) && IPNetwork.Parse(argument!.GetValue<string>()).Contains(ip),
            _ => false,
        };
    }

    private static bool Affix(JsonNode? argument, string text, bool start)
    {
        var (affix, comparison) = argument is JsonObject o
            ? (o["equals-ignore-case"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase)
            : (argument!.GetValue<string>(), StringComparison.Ordinal);
        return start ? text.StartsWith(affix, comparison) : text.EndsWith(affix, comparison);
    }

    private static bool Numeric(JsonArray range, double n)
    {
        for (var i = 0; i < range.Count; i += 2)
        {
            var bound = range[i + 1]!.GetValue<double>();
            var ok = range[i]!.GetValue<string>() switch { "<" => n < bound, "<=" => n <= bound, "=" => n == bound, ">" => n > bound, _ => n >= bound };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Exact match: strings by ordinal, numbers by value, true/false/null as themselves.</summary>
    private static bool Same(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        return Number(expected) is { } a && Number(actual) is { } b ? a == b : JsonNode.DeepEquals(expected, actual);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<double>() : null;

    private static Regex Wildcard(string pattern) =>
        new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
}
