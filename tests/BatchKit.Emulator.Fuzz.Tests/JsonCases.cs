using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// Cases for an operation whose input is JSON (the AWS JSON protocols, and REST-JSON's labels, query, headers and
/// body): from a baseline holding the required members, each member — top level, and one level into structures and
/// lists of structures — gets a wrong JSON type, a null, removal (when required), numbers out of range, lists over
/// their size, control characters and oversized strings; plus one unknown member on the whole request.
/// </summary>
internal sealed class JsonCases(string service, ShapeSamples samples)
{
    private const int OversizedWithoutMax = 300 * 1024;

    /// <summary>Query strings and headers stay under the HTTP server's own limits (8 KB request line, 32 KB of headers).</summary>
    private const int OversizedOnWire = 6000;

    /// <summary>One member on the way to the mutated one; <see cref="IntoElement"/>: the member is a list, go into its first element.</summary>
    private sealed record Step(string Name, string Shape, bool IntoElement);

    public IEnumerable<FuzzCase> For(string operation, string inputShape)
    {
        var baseline = samples.Structure(samples.Shape(inputShape), 0);
        var extra = (JsonObject)baseline.DeepClone();
        extra["BatchKitFuzzExtra"] = "an unknown member";
        yield return new FuzzCase(service, operation, "extra-member", "BatchKitFuzzExtra", extra, MustFail: false);

        foreach (var (path, required, location) in Members(inputShape, [], 0))
        {
            foreach (var (kind, value, remove, mustFail) in Mutations(path[^1].Shape, required, location))
            {
                yield return new FuzzCase(service, operation, kind, Text(path), Apply(baseline, path, value, remove), mustFail);
            }
        }
    }

    private IEnumerable<(List<Step> Path, bool Required, string? Location)> Members(string structureShape, List<Step> prefix, int depth)
    {
        var shape = samples.Shape(structureShape);
        var required = (shape["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, member) in shape["members"] as JsonObject ?? [])
        {
            var memberShape = member!["shape"]!.GetValue<string>();
            if (shape["payload"]?.GetValue<string>() == name && samples.Shape(memberShape)["type"]!.GetValue<string>() == "blob")
            {
                continue; // a streaming payload (Invoke's) is not JSON: its cases are the raw bodies the suite adds
            }

            var path = new List<Step>(prefix) { new(name, memberShape, false) };
            yield return (path, required.Contains(name), member["location"]?.GetValue<string>());
            if (depth >= 1)
            {
                continue;
            }

            var type = samples.Shape(memberShape)["type"]!.GetValue<string>();
            if (type == "structure")
            {
                foreach (var nested in Members(memberShape, path, depth + 1))
                {
                    yield return nested;
                }
            }
            else if (type == "list" && samples.Shape(memberShape)["member"]!["shape"]!.GetValue<string>() is var element && samples.Shape(element)["type"]!.GetValue<string>() == "structure")
            {
                foreach (var nested in Members(element, [.. prefix, new Step(name, memberShape, true)], depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>
    /// REST members outside the body are text on the wire: a "wrong type" for a text member is just other text, a
    /// missing URI label makes the request another operation's (GET /functions/ is ListFunctions), and nothing
    /// there may hold a NUL (the HTTP server refuses %00 in a request target before the emulator sees it).
    /// </summary>
    private IEnumerable<(string Kind, JsonNode? Value, bool Remove, bool MustFail)> Mutations(string shapeName, bool required, string? location)
    {
        var shape = samples.Shape(shapeName);
        var type = shape["type"]!.GetValue<string>();
        var onWire = location is "uri" or "querystring" or "header";
        yield return ("wrong-type", WrongType(type), false, !onWire || type is not ("string" or "blob"));
        yield return ("null", null, false, required && location != "uri");
        if (required)
        {
            yield return ("missing-required", null, true, location != "uri");
        }

        foreach (var mutation in type switch
        {
            "integer" or "long" or "double" or "float" => Numbers(shape, type),
            "string" => Strings(shape, onWire),
            "list" => Lists(shape),
            _ => [],
        })
        {
            yield return mutation;
        }
    }

    private static JsonNode WrongType(string type) => type switch
    {
        "string" or "blob" => 42,
        "integer" or "long" or "double" or "float" or "boolean" => "not a number",
        "timestamp" => new JsonObject { ["not"] = "a date" },
        "structure" => new JsonArray(1, 2),
        "list" => new JsonObject { ["not"] = "a list" },
        _ => new JsonArray(),
    };

    private static IEnumerable<(string, JsonNode?, bool, bool)> Numbers(JsonObject shape, string type)
    {
        if (shape["min"] is { } min)
        {
            yield return ("out-of-range", min.GetValue<double>() - 1, false, true);
        }

        if (shape["max"] is { } max)
        {
            yield return ("out-of-range", max.GetValue<double>() + 1, false, true);
        }

        if (type is "integer" or "long")
        {
            yield return ("out-of-range", JsonNode.Parse("123456789012345678901234567890"), false, true);
            yield return ("out-of-range", 1.5, false, true);
        }
    }

    private static IEnumerable<(string, JsonNode?, bool, bool)> Strings(JsonObject shape, bool onWire)
    {
        yield return ("control-chars", ShapeSamples.String(shape) + (onWire ? "" : "\u0000") + "\u0001\u001b\u007f\r\n", false, false);
        if (shape["max"] is { } max && (!onWire || max.GetValue<double>() < OversizedOnWire))
        {
            yield return ("oversized", new string('z', (int)max.GetValue<double>() + 1), false, true);
        }
        else if (shape["max"] is null)
        {
            yield return ("oversized", new string('z', onWire ? OversizedOnWire : OversizedWithoutMax), false, false);
        }
    }

    private IEnumerable<(string, JsonNode?, bool, bool)> Lists(JsonObject shape)
    {
        var element = shape["member"]!["shape"]!.GetValue<string>();
        yield return ("null-element", new JsonArray(samples.Sample(element, 3), null), false, true);
        if (shape["max"] is { } max && max.GetValue<double>() < 2000)
        {
            yield return ("oversized", new JsonArray([.. Enumerable.Range(0, (int)max.GetValue<double>() + 1).Select(_ => samples.Sample(element, 3))]), false, true);
        }
    }

    /// <summary>The baseline with the value at <paramref name="path"/> replaced (parents created from samples when absent).</summary>
    private JsonObject Apply(JsonObject baseline, List<Step> path, JsonNode? value, bool remove)
    {
        var root = (JsonObject)baseline.DeepClone();
        var container = root;
        foreach (var step in path.SkipLast(1))
        {
            if (step.IntoElement)
            {
                var elementShape = samples.Shape(step.Shape)["member"]!["shape"]!.GetValue<string>();
                if (container[step.Name] is not JsonArray { Count: > 0 } list || list[0] is not JsonObject)
                {
                    container[step.Name] = list = new JsonArray(samples.Sample(elementShape, 1));
                }

                container = list[0]!.AsObject();
            }
            else
            {
                if (container[step.Name] is not JsonObject next)
                {
                    container[step.Name] = next = samples.Sample(step.Shape, 1)!.AsObject();
                }

                container = next;
            }
        }

        if (remove)
        {
            container.Remove(path[^1].Name);
        }
        else
        {
            container[path[^1].Name] = value?.DeepClone();
        }

        return root;
    }

    private static string Text(List<Step> path) => string.Join('.', path.Select(s => s.IntoElement ? s.Name + "[0]" : s.Name));
}
