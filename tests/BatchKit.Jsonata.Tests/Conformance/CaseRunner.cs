using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Tests.Conformance;

/// <summary>
/// Runs one case by the suite's counting rule: the value equals <c>result</c> (JSON equality, numbers as doubles),
/// or is undefined where <c>undefinedResult</c> is set, or the expected error code is raised (compiling or evaluating).
/// </summary>
public static class CaseRunner
{
    /// <summary>A case without its own limits still may not run forever.</summary>
    private static readonly JsonataLimits Deadline = new() { TimeLimit = TimeSpan.FromSeconds(20) };

    /// <summary>Null when the case passes, else why not.</summary>
    public static string? Run(ConformanceCase c)
    {
        if (c.Expression is null)
        {
            return "the expression file this case names is not in this copy of the suite";
        }

        JsonataResult actual;
        try
        {
            var expression = JsonataExpression.Compile(c.Expression);
            var bindings = new JsonataBindings();
            foreach (var (name, value) in c.Bindings)
            {
                bindings.Bind(name, value?.DeepClone());
            }

            actual = expression.Evaluate(c.Input, bindings, c.Limits ?? Deadline);
        }
        catch (JsonataException e)
        {
            return c.Code == e.Code ? null : $"error {e.Code}: {e.Message}" + (c.Code is null ? "" : $" (expected {c.Code})");
        }

        if (c.Code is not null)
        {
            return $"expected error {c.Code}, got {actual}";
        }

        if (c.ExpectsUndefined)
        {
            return actual.IsUndefined ? null : $"expected undefined, got {actual}";
        }

        if (actual.IsUndefined)
        {
            return $"expected {c.Result?.ToJsonString() ?? "null"}, got undefined";
        }

        return JsonEquals(c.Result, actual.Value) ? null : $"expected {c.Result?.ToJsonString() ?? "null"}, got {actual}";
    }

    public static bool JsonEquals(JsonNode? expected, JsonNode? actual)
    {
        switch (expected, actual)
        {
            case (null, null):
                return true;
            case (JsonObject e, JsonObject a):
                return e.Count == a.Count && e.All(p => a.TryGetPropertyValue(p.Key, out var v) && JsonEquals(p.Value, v));
            case (JsonArray e, JsonArray a):
                return e.Count == a.Count && e.Zip(a).All(p => JsonEquals(p.First, p.Second));
            case (JsonValue e, JsonValue a):
                var kind = e.GetValueKind();
                if (kind != a.GetValueKind())
                {
                    return false;
                }

                return kind == System.Text.Json.JsonValueKind.Number
                    ? e.GetValue<double>() == a.GetValue<double>()
                    : JsonNode.DeepEquals(e, a);
            default:
                return false;
        }
    }
}
