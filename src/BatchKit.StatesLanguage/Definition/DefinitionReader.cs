using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Intrinsics;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// Reads a definition into the state tree, collecting every structural error with its location instead of stopping
/// at the first, the way CreateStateMachine reports them.
/// </summary>
internal sealed partial class DefinitionReader
{
    private const string Schema = "SCHEMA_VALIDATION_FAILED";

    public List<DefinitionError> Errors { get; } = [];

    public StatesGraph? ReadGraph(JsonObject graph, string at)
    {
        var startAt = RequiredString(graph, "StartAt", at);
        if (graph["States"] is not JsonObject states || states.Count == 0)
        {
            Error(Schema, "The field 'States' is required and must be a non-empty object", $"{at}/States");
            return null;
        }

        var parsed = new Dictionary<string, State>(StringComparer.Ordinal);
        foreach (var (name, value) in states)
        {
            var location = $"{at}/States/{name}";
            if (name.Length is 0 or > 80)
            {
                Error(Schema, $"State name '{name}' must be 1 to 80 characters long", location);
            }

            if (value is not JsonObject state)
            {
                Error(Schema, "A state must be a JSON object", location);
                continue;
            }

            if (ReadState(name, state, location) is { } s)
            {
                parsed[name] = s;
            }
        }

        if (startAt is not null && !states.ContainsKey(startAt))
        {
            Error("MISSING_TRANSITION_TARGET", $"Missing 'StartAt' target: {startAt}", $"{at}/StartAt");
        }

        CheckTransitions(parsed, states, at);
        if (startAt is not null && states.ContainsKey(startAt))
        {
            CheckReachable(startAt, parsed, at);
        }

        return startAt is null ? null : new StatesGraph(startAt, parsed);
    }

    private void CheckTransitions(Dictionary<string, State> parsed, JsonObject states, string at)
    {
        foreach (var (name, state) in parsed)
        {
            foreach (var (target, field) in Targets(state))
            {
                if (!states.ContainsKey(target))
                {
                    Error("MISSING_TRANSITION_TARGET", $"Missing '{field}' target: {target}", $"{at}/States/{name}/{field}");
                }
            }
        }
    }

    private void CheckReachable(string startAt, Dictionary<string, State> parsed, string at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var queue = new Queue<string>([startAt]);
        while (queue.TryDequeue(out var name))
        {
            if (!parsed.TryGetValue(name, out var state))
            {
                continue;
            }

            foreach (var (target, _) in Targets(state))
            {
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        foreach (var name in parsed.Keys.Where(n => !seen.Contains(n)))
        {
            Error(Schema, $"State '{name}' is not reachable from StartAt", $"{at}/States/{name}");
        }
    }

    private static IEnumerable<(string Target, string Field)> Targets(State state)
    {
        if (state.Next is { } next)
        {
            yield return (next, "Next");
        }

        foreach (var catcher in state.Fields.Catch)
        {
            yield return (catcher.Next, "Catch/Next");
        }

        if (state is ChoiceState choice)
        {
            foreach (var target in choice.Targets)
            {
                yield return (target, "Choices/Next");
            }
        }
    }

    public void CheckFields(JsonObject node, string at, IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, _) in node)
        {
            if (!allowed.Contains(key))
            {
                Error(Schema, $"The field '{key}' is not supported", $"{at}/{key}");
            }
        }
    }

    public string? RequiredString(JsonObject node, string field, string at)
    {
        var value = OptionalString(node, field, at);
        if (value is null && !node.ContainsKey(field))
        {
            Error(Schema, $"The field '{field}' is required", at.Length == 0 ? "/" : at);
        }

        return value;
    }

    public string? OptionalString(JsonObject node, string field, string at)
    {
        if (!node.TryGetPropertyValue(field, out var value) || value is null)
        {
            return null;
        }

        if (!JsonText.IsString(value, out var text))
        {
            Error(Schema, $"The field '{field}' must be a string", $"{at}/{field}");
            return null;
        }

        return text;
    }

    public long? OptionalInteger(JsonObject node, string field, string at, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        if (!JsonText.TryGetInteger(value, out var n) || n < min || n > max)
        {
            var bounds = (min > long.MinValue ? $" of at least {min}" : "") + (max < long.MaxValue ? $" and at most {max}" : "");
            Error(Schema, $"The field '{field}' must be an integer{bounds}", $"{at}/{field}");
            return null;
        }

        return n;
    }

    public double? OptionalNumber(JsonObject node, string field, string at, double min, double max)
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        if (!JsonText.IsNumber(value) || JsonText.ToDouble(value!) is var d && (d < min || d > max))
        {
            Error(Schema, $"The field '{field}' must be a number between {min} and {max}", $"{at}/{field}");
            return null;
        }

        return JsonText.ToDouble(value!);
    }

    /// <summary>A Path field (InputPath, ItemsPath, *Path): must parse as a JSONPath.</summary>
    public string? OptionalPath(JsonObject node, string field, string at)
    {
        var path = OptionalString(node, field, at);
        if (path is not null && JsonPath.Validate(path) is { } problem)
        {
            Error(Schema, problem, $"{at}/{field}");
            return null;
        }

        return path;
    }

    public PathSetting PathSetting(JsonObject node, string field, string at)
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return States.PathSetting.Default;
        }

        return value is null ? States.PathSetting.Null : new PathSetting(OptionalPath(node, field, at) ?? "$");
    }

    /// <summary>Parameters-like templates: every ".$" value must be a valid path or intrinsic call.</summary>
    public JsonNode? Template(JsonObject node, string field, string at, bool objectOnly = false)
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        if (objectOnly && value is not JsonObject)
        {
            Error(Schema, $"The field '{field}' must be a JSON object", $"{at}/{field}");
            return null;
        }

        CheckTemplate(value, $"{at}/{field}");
        return value?.DeepClone();
    }

    private void CheckTemplate(JsonNode? value, string at)
    {
        switch (value)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal))
                    {
                        if (!JsonText.IsString(child, out var expression))
                        {
                            Error(Schema, $"The value of '{key}' must be a path or an intrinsic function", $"{at}/{key}");
                        }
                        else if ((IntrinsicFunctions.IsIntrinsic(expression) ? IntrinsicFunctions.Validate(expression) : JsonPath.Validate(expression))
                            is { } problem)
                        {
                            Error(Schema, problem, $"{at}/{key}");
                        }
                    }
                    else
                    {
                        CheckTemplate(child, $"{at}/{key}");
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    CheckTemplate(a[i], $"{at}/{i}");
                }

                break;
        }
    }

    public IReadOnlyList<string> ErrorEquals(JsonObject node, string at, bool allowAll = true)
    {
        if (node["ErrorEquals"] is not JsonArray list || list.Count == 0)
        {
            Error(Schema, "The field 'ErrorEquals' is required and must be a non-empty array of strings", $"{at}/ErrorEquals");
            return [];
        }

        var names = new List<string>();
        foreach (var item in list)
        {
            if (!JsonText.IsString(item, out var name))
            {
                Error(Schema, "ErrorEquals must hold strings", $"{at}/ErrorEquals");
                continue;
            }

            if (ErrorNames.IsReserved(name) && !ErrorNames.IsKnown(name))
            {
                Error(Schema, $"'{name}' is not a predefined error: names starting with 'States.' are reserved", $"{at}/ErrorEquals");
            }

            names.Add(name);
        }

        if (names.Contains(ErrorNames.All) && names.Count > 1 && allowAll)
        {
            Error(Schema, "States.ALL must appear alone in ErrorEquals", $"{at}/ErrorEquals");
        }

        return names;
    }

    public void Error(string code, string message, string location) => Errors.Add(new DefinitionError(code, message, location));

    public static bool IsTrue(JsonNode? node) => node?.GetValueKind() == JsonValueKind.True;
}
