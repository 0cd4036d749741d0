using System.Text.Json.Nodes;
using BatchKit.Emulator.Validation;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// A valid-looking value for a shape of a botocore model, to start each case from: strings that satisfy the
/// shape's enum, length and pattern where a known sample does, numbers within range, one-element lists. Only
/// required members are filled; recursion stops at a depth, as some shapes contain themselves.
/// </summary>
internal sealed class ShapeSamples(JsonObject model)
{
    private static readonly string[] Candidates =
    [
        "fuzz", "a", "fuzz-name", "/fuzz/name", "arn:aws:iam::000000000000:role/fuzz", "arn:aws:states:us-east-1:000000000000:stateMachine:fuzz",
        "arn:aws:states:us-east-1:000000000000:execution:fuzz:run", "arn:aws:lambda:us-east-1:000000000000:function:fuzz",
        "arn:aws:events:us-east-1:000000000000:connection/fuzz/0000", "arn:aws:ecs:us-east-1:000000000000:cluster/fuzz", "1", "{}", "fuzz.json",
        "AAAA", "us-east-1", "x", "FUZZ", "s3:ObjectCreated:*", "lambda:InvokeFunction", "fuzz@example.com", "12345678901234567890123456789012",
    ];

    private readonly JsonObject _shapes = model["shapes"]!.AsObject();

    public JsonObject Shape(string name) => _shapes[name]!.AsObject();

    public JsonNode? Sample(string shapeName, int depth = 0)
    {
        var shape = Shape(shapeName);
        return shape["type"]!.GetValue<string>() switch
        {
            "structure" => Structure(shape, depth),
            "list" => depth > 4 ? new JsonArray() : new JsonArray([.. Enumerable.Range(0, Math.Max(1, Min(shape))).Select(_ => Sample(shape["member"]!["shape"]!.GetValue<string>(), depth + 1))]),
            "map" => depth > 4 ? new JsonObject() : new JsonObject { [String(Shape(shape["key"]!["shape"]!.GetValue<string>()))] = Sample(shape["value"]!["shape"]!.GetValue<string>(), depth + 1) },
            "string" => String(shape),
            "integer" or "long" => Math.Clamp(1, Min(shape), Max(shape)),
            "double" or "float" => (double)Math.Clamp(1, Min(shape), Max(shape)),
            "boolean" => true,
            "timestamp" => 1_700_000_000,
            "blob" => "AAAA",
            var other => throw new NotSupportedException($"shape type {other}"),
        };
    }

    /// <summary>The required members, each with a sample (absent beyond the depth limit).</summary>
    public JsonObject Structure(JsonObject shape, int depth)
    {
        var result = new JsonObject();
        if (depth > 4)
        {
            return result;
        }

        foreach (var required in (shape["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            result[required] = Sample(shape["members"]![required]!["shape"]!.GetValue<string>(), depth + 1);
        }

        return result;
    }

    public static string String(JsonObject shape)
    {
        if (shape["enum"] is JsonArray values)
        {
            return values[0]!.GetValue<string>();
        }

        var pattern = shape["pattern"]?.GetValue<string>();
        var fits = Candidates.FirstOrDefault(c => c.Length >= Min(shape) && c.Length <= Max(shape) && (pattern is null || ModelPatterns.Matches(pattern, c)));
        return fits ?? new string('a', Math.Clamp(Math.Max(1, Min(shape)), 0, Max(shape)));
    }

    public static int Min(JsonObject shape) => shape["min"] is { } min ? (int)Math.Clamp(min.GetValue<double>(), int.MinValue, int.MaxValue) : 0;

    public static int Max(JsonObject shape) => shape["max"] is { } max ? (int)Math.Clamp(max.GetValue<double>(), int.MinValue, int.MaxValue) : int.MaxValue;
}
