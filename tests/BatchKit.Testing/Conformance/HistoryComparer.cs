using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Testing.Conformance;

/// <summary>
/// The corpus README's comparison rules, literally: dropped keys, ARNs, JSON strings parsed, placeholders as
/// wildcards, numbers by value, Parallel order normalisation with multiset runs, and the outcome rule; plus the values the
/// recording scrubbed to the name of their kind ('date', 'timestamp', 'snf_role_arn'; HistoryComparer.Scrubbed.cs).
/// </summary>
public static partial class HistoryComparer
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "timestamp", "ResponseMetadata", "roleArn", "executionArn", "stateMachineArn", "stateMachineAliasArn",
        "stateMachineVersionArn", "mapRunArn", "resource", "taskToken",
    };

    private static readonly HashSet<string> ParallelClosers = new(StringComparer.Ordinal)
    {
        "ParallelStateSucceeded", "ParallelStateFailed", "ParallelStateAborted", "ParallelStateExited",
    };

    public static JsonNode? Normalise(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => !Dropped.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalise).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => NormaliseString(v.GetValue<string>()),
        _ => node?.DeepClone(),
    };

    private static JsonNode? NormaliseString(string s)
    {
        if (s.StartsWith("arn:", StringComparison.Ordinal) || ArnPlaceholder().IsMatch(s))
        {
            return "<arn>";
        }

        if (s.Length > 0 && s[0] is '{' or '[')
        {
            try
            {
                return Normalise(JsonNode.Parse(s));
            }
            catch (JsonException)
            {
            }
        }

        return s;
    }

    /// <summary>Recorded (with placeholders and scrubbed values) matches actual.</summary>
    public static bool Matches(JsonNode? recorded, JsonNode? actual) => Matches(recorded, actual, null);

    /// <summary>As above, where <paramref name="key"/> is the property both values sit under (scrubbed values depend on it).</summary>
    private static bool Matches(JsonNode? recorded, JsonNode? actual, string? key)
    {
        if (recorded is JsonValue rv && rv.GetValueKind() == JsonValueKind.String)
        {
            var r = rv.GetValue<string>();
            if (ScrubbedMatches(r, actual, key) is { } scrubbed)
            {
                return scrubbed || (actual is JsonValue same && same.GetValueKind() == JsonValueKind.String && same.GetValue<string>() == r);
            }

            if (WholePlaceholder().IsMatch(r))
            {
                return actual is JsonValue av && av.GetValueKind() is JsonValueKind.String or JsonValueKind.Number;
            }

            if (actual is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String)
            {
                return false;
            }

            var a = sv.GetValue<string>();
            return r == a || ((r.Contains('<', StringComparison.Ordinal) || r.Contains("111111111111", StringComparison.Ordinal)) && Pattern(r).IsMatch(a));
        }

        return (recorded, actual) switch
        {
            (null, null) => true,
            (JsonObject ro, JsonObject ao) => ro.Count == ao.Count && ro.All(p => ao.TryGetPropertyValue(p.Key, out var v) && Matches(p.Value, v, p.Key)),
            (JsonArray ra, JsonArray aa) => ra.Count == aa.Count && ra.Zip(aa).All(p => Matches(p.First, p.Second, key)),
            (JsonValue r, JsonValue a) when r.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number =>
                decimal.Parse(r.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
                == decimal.Parse(a.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
            (JsonValue r, JsonValue a) => r.GetValueKind() == a.GetValueKind() && r.ToJsonString() == a.ToJsonString(),
            _ => false,
        };
    }

    /// <summary>Whole-history match (rule 6-8), after normalising both sides.</summary>
    public static bool HistoryMatches(JsonArray recorded, JsonArray actual)
    {
        var r = recorded.Select(Normalise).ToList();
        var a = actual.Select(Normalise).ToList();
        var orderNormalised = r.Any(e => e!["id"] is JsonArray);
        if (orderNormalised)
        {
            a = NormaliseParallel(a);
            return RunsMatch(r, a);
        }

        return r.Count == a.Count && (r.Zip(a).All(p => Matches(p.First, p.Second)) || ParallelMultisetMatches(r, a));
    }

    public static bool OutcomeMatches(JsonArray recorded, JsonArray actual)
    {
        if (recorded.Count == 0 || actual.Count == 0)
        {
            return false;
        }

        var r = Normalise(recorded[^1])!.AsObject();
        var a = Normalise(actual[^1])!.AsObject();
        if (r["type"]!.GetValue<string>() != a["type"]!.GetValue<string>())
        {
            return false;
        }

        static JsonObject Details(JsonObject e)
        {
            var details = e.FirstOrDefault(p => p.Key.EndsWith("EventDetails", StringComparison.Ordinal)).Value as JsonObject ?? [];
            return new JsonObject(details.Where(p => p.Key != "outputDetails").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        }

        return Matches(Details(r), Details(a));
    }

    private static List<JsonNode?> NormaliseParallel(List<JsonNode?> events)
    {
        int? start = null;
        List<JsonNode?>? sub = null;
        var i = 0;
        while (i < events.Count)
        {
            var type = events[i]!["type"]!.GetValue<string>();
            if (type == "ParallelStateStarted")
            {
                start = i + 1;
                sub = [];
                i++;
                continue;
            }

            if (sub is not null)
            {
                if (ParallelClosers.Contains(type))
                {
                    events.RemoveRange(start!.Value, i + 1 - start.Value);
                    events.InsertRange(start.Value, sub);
                    i = start.Value + sub.Count;
                    sub = null;
                    continue;
                }

                var e = events[i]!.AsObject();
                e["id"] = new JsonArray(0);
                e["previousEventId"] = 0;
                sub.Add(e);
            }

            i++;
        }

        return events;
    }

    private static bool RunsMatch(List<JsonNode?> recorded, List<JsonNode?> actual)
    {
        if (recorded.Count != actual.Count)
        {
            return false;
        }

        var i = 0;
        while (i < recorded.Count)
        {
            if (recorded[i]!["id"] is JsonArray)
            {
                var end = i;
                while (end < recorded.Count && recorded[end]!["id"] is JsonArray)
                {
                    end++;
                }

                if (!MultisetMatches(recorded[i..end], actual[i..end]))
                {
                    return false;
                }

                i = end;
                continue;
            }

            if (!Matches(recorded[i], actual[i]))
            {
                return false;
            }

            i++;
        }

        return true;
    }

    private static bool ParallelMultisetMatches(List<JsonNode?> recorded, List<JsonNode?> actual)
    {
        var start = recorded.FindIndex(e => e!["type"]!.GetValue<string>() == "ParallelStateStarted");
        if (start < 0)
        {
            return false;
        }

        var end = recorded.FindLastIndex(e => e!["type"]!.GetValue<string>() is "ParallelStateSucceeded" or "ParallelStateFailed" or "ParallelStateAborted");
        if (end <= start)
        {
            return false;
        }

        static JsonNode? WithoutIds(JsonNode? e)
        {
            var o = e!.DeepClone().AsObject();
            o.Remove("id");
            o.Remove("previousEventId");
            return o;
        }

        return recorded[..start].Zip(actual[..start]).All(p => Matches(p.First, p.Second))
            && MultisetMatches(recorded[start..end].Select(WithoutIds).ToList(), actual[start..end].Select(WithoutIds).ToList())
            && recorded[end..].Zip(actual[end..]).All(p => Matches(p.First, p.Second));
    }

    private static bool MultisetMatches(List<JsonNode?> recorded, List<JsonNode?> actual)
    {
        var unused = actual.ToList();
        foreach (var r in recorded)
        {
            var match = unused.FindIndex(a => Matches(r, a));
            if (match < 0)
            {
                return false;
            }

            unused.RemoveAt(match);
        }

        return unused.Count == 0;
    }

    private static Regex Pattern(string recorded)
    {
        var pattern = Regex.Escape(recorded);
        pattern = Regex.Replace(pattern, @"<[^\s<>]+>", ".+");
        pattern = pattern.Replace("111111111111", "[0-9]{12}", StringComparison.Ordinal);
        return new Regex("^" + pattern + "$", RegexOptions.Singleline);
    }

    [GeneratedRegex(@"^<[^\s<>]*arn[^\s<>]*>$", RegexOptions.IgnoreCase)]
    private static partial Regex ArnPlaceholder();

    [GeneratedRegex(@"^<[^\s<>]+>$")]
    private static partial Regex WholePlaceholder();
}
