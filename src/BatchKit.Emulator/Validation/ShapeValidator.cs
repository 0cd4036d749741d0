using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Validation;

/// <summary>
/// Checks a request against its operation's input shape before any provider sees it, as the AWS front end does: a
/// member of the wrong JSON type is a SerializationException (the request cannot be read at all); every broken
/// constraint (required, length, range, enum, pattern) is collected into one ValidationException in AWS's words,
/// e.g. <c>2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null;
/// Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1</c>.
/// Members the model does not know are ignored, as the services ignore them.
/// https://docs.aws.amazon.com/general/latest/gr/api-retries.html (ValidationError) and https://smithy.io/2.0/spec/constraint-traits.html
/// </summary>
internal sealed class ShapeValidator(ServiceModel model)
{
    public ServiceModel Model => model;

    /// <summary>Validates <paramref name="input"/> (every member of the operation's input, wherever it came from) or throws.</summary>
    public void Validate(string operation, JsonObject input)
    {
        if (!model.Operations.TryGetValue(operation, out var op) || op.InputShape is null)
        {
            return; // the provider answers an operation the model lacks
        }

        var violations = new List<string>();
        Structure(model.Shape(op.InputShape), input, "", violations);
        if (violations.Count > 0)
        {
            var count = violations.Count.ToString(CultureInfo.InvariantCulture);
            throw new ServiceErrorException("ValidationException",
                $"{count} validation error{(violations.Count == 1 ? "" : "s")} detected: {string.Join("; ", violations)}");
        }
    }

    private void Structure(JsonObject shape, JsonObject value, string path, List<string> violations)
    {
        var required = (shape["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, member) in shape["members"] as JsonObject ?? [])
        {
            var memberPath = path.Length == 0 ? LowerFirst(name) : $"{path}.{LowerFirst(name)}";
            var memberValue = value[name];
            if (memberValue is null)
            {
                if (required.Contains(name))
                {
                    violations.Add($"Value null at '{memberPath}' failed to satisfy constraint: Member must not be null");
                }

                continue;
            }

            Value(member!["shape"]!.GetValue<string>(), memberValue, memberPath, violations);
        }
    }

    private void Value(string shapeName, JsonNode value, string path, List<string> violations)
    {
        var shape = model.Shape(shapeName);
        var type = shape["type"]!.GetValue<string>();
        switch (type)
        {
            case "structure":
                Structure(shape, JsonTypes.Require<JsonObject>(value, "Structure"), path, violations);
                break;
            case "list":
                var list = JsonTypes.Require<JsonArray>(value, "List");
                Count(shape, list.Count, value, path, violations);
                Elements(shape["member"]!["shape"]!.GetValue<string>(), list, path, violations);
                break;
            case "map":
                var map = JsonTypes.Require<JsonObject>(value, "Map");
                Count(shape, map.Count, value, path, violations);
                Entries(shape, map, path, violations);
                break;
            default:
                Scalar(shape, type, value, path, violations);
                break;
        }
    }

    private void Elements(string memberShape, JsonArray list, string path, List<string> violations)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var elementPath = $"{path}.{(i + 1).ToString(CultureInfo.InvariantCulture)}.member";
            if (list[i] is { } element)
            {
                Value(memberShape, element, elementPath, violations);
            }
            else
            {
                violations.Add($"Value null at '{elementPath}' failed to satisfy constraint: Member must not be null");
            }
        }
    }

    private void Entries(JsonObject shape, JsonObject map, string path, List<string> violations)
    {
        var keyShape = shape["key"]!["shape"]!.GetValue<string>();
        var valueShape = shape["value"]!["shape"]!.GetValue<string>();
        foreach (var (key, entry) in map)
        {
            Scalar(model.Shape(keyShape), "string", JsonValue.Create(key), $"{path}.key", violations);
            if (entry is null)
            {
                violations.Add($"Value null at '{path}.{key}' failed to satisfy constraint: Member must not be null");
                continue;
            }

            Value(valueShape, entry, $"{path}.{key}", violations);
        }
    }

    private static void Scalar(JsonObject shape, string type, JsonNode value, string path, List<string> violations)
    {
        switch (type)
        {
            case "string":
                var text = JsonTypes.String(value);
                Length(shape, text.Length, text, path, violations);
                Enum(shape, text, path, violations);
                Pattern(shape, text, path, violations);
                break;
            case "integer" or "long" or "double" or "float":
                Range(shape, JsonTypes.Number(value, type), path, violations);
                break;
            case "boolean":
                JsonTypes.Boolean(value);
                break;
            case "timestamp":
                JsonTypes.Timestamp(value);
                break;
            case "blob":
                var blob = JsonTypes.String(value);
                Length(shape, blob.Length / 4 * 3, "***", path, violations);
                break;
        }
    }

    private static void Length(JsonObject shape, long length, string text, string path, List<string> violations)
    {
        if (shape["min"] is { } min && length < min.GetValue<long>())
        {
            violations.Add($"{Shown(shape, text, path)} failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }

        if (shape["max"] is { } max && length > max.GetValue<long>())
        {
            violations.Add($"{Shown(shape, text, path)} failed to satisfy constraint: Member must have length less than or equal to {max}");
        }
    }

    private static void Count(JsonObject shape, int count, JsonNode value, string path, List<string> violations)
    {
        if (shape["min"] is { } min && count < min.GetValue<long>())
        {
            violations.Add($"{Shown(shape, Describe(value), path)} failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }

        if (shape["max"] is { } max && count > max.GetValue<long>())
        {
            violations.Add($"{Shown(shape, Describe(value), path)} failed to satisfy constraint: Member must have length less than or equal to {max}");
        }
    }

    private static void Range(JsonObject shape, double number, string path, List<string> violations)
    {
        var shown = number.ToString(CultureInfo.InvariantCulture);
        if (shape["min"] is { } min && number < min.GetValue<double>())
        {
            violations.Add($"{Shown(shape, shown, path)} failed to satisfy constraint: Member must have value greater than or equal to {min}");
        }

        if (shape["max"] is { } max && number > max.GetValue<double>())
        {
            violations.Add($"{Shown(shape, shown, path)} failed to satisfy constraint: Member must have value less than or equal to {max}");
        }
    }

    private static void Enum(JsonObject shape, string text, string path, List<string> violations)
    {
        if (shape["enum"] is JsonArray values && !values.Any(v => v!.GetValue<string>() == text))
        {
            violations.Add(
                $"{Shown(shape, text, path)} failed to satisfy constraint: Member must satisfy enum value set: "
                + $"[{string.Join(", ", values.Select(v => v!.GetValue<string>()))}]");
        }
    }

    private static void Pattern(JsonObject shape, string text, string path, List<string> violations)
    {
        if (shape["pattern"]?.GetValue<string>() is { } pattern && !ModelPatterns.Matches(pattern, text))
        {
            violations.Add($"{Shown(shape, text, path)} failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }
    }

    /// <summary>"Value 'x' at 'path'", or for a sensitive shape "Value at 'path'" (the value is never echoed); long values are cut.</summary>
    private static string Shown(JsonObject shape, string text, string path)
    {
        if (shape["sensitive"]?.GetValue<bool>() == true)
        {
            return $"Value at '{path}'";
        }

        var cut = text.Length > 256 ? text[..256] + "..." : text;
        return $"Value '{cut}' at '{path}'";
    }

    /// <summary>A list or map as Java prints it: <c>[a, b]</c>, <c>{k=v}</c>.</summary>
    private static string Describe(JsonNode value) => value switch
    {
        JsonArray a => "[" + string.Join(", ", a.Select(e => e is null ? "null" : Describe(e))) + "]",
        JsonObject o => "{" + string.Join(", ", o.Select(p => $"{p.Key}={(p.Value is null ? "null" : Describe(p.Value))}")) + "}",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
