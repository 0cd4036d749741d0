using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// A ProjectionExpression applied to an item: only the named paths, nested ones kept inside their maps and lists
/// (the elements of a list that are named, in order). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html
/// </summary>
internal static class Projection
{
    public static JsonObject Apply(JsonObject item, IReadOnlyList<DocumentPath>? paths)
    {
        if (paths is null)
        {
            return (JsonObject)item.DeepClone();
        }

        var projected = new JsonObject();
        foreach (var path in paths)
        {
            if (ExpressionEvaluator.Resolve(path, item) is { } value)
            {
                Insert(projected, path, value);
            }
        }

        return projected;
    }

    private static void Insert(JsonObject projected, DocumentPath path, JsonObject value)
    {
        if (path.Elements.Count == 1)
        {
            projected[path.Attribute] = value.DeepClone();
            return;
        }

        // Build each container on the way down, of the kind the next element needs.
        JsonNode container = projected[path.Attribute] ??= Container(path.Elements[1]);
        for (var i = 1; i < path.Elements.Count; i++)
        {
            var last = i == path.Elements.Count - 1;
            var content = container.AsObject().First().Value!;
            if (path.Elements[i] is string member)
            {
                container = last ? content[member] = value.DeepClone() : content[member] ??= Container(path.Elements[i + 1]);
            }
            else
            {
                var child = last ? value.DeepClone() : Container(path.Elements[i + 1]);
                content.AsArray().Add(child);
                container = child;
            }
        }
    }

    private static JsonObject Container(object next) => next is int ? new JsonObject { ["L"] = new JsonArray() } : new JsonObject { ["M"] = new JsonObject() };
}
