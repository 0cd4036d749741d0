using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// Applies an UpdateExpression's actions to a copy of an item. Every operand is read from the item as it was before
/// the update, as DynamoDB does. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
/// </summary>
internal static class UpdateApplier
{
    public static JsonObject Apply(JsonObject original, IReadOnlyList<UpdateAction> actions, IReadOnlyList<string> keyAttributes)
    {
        if (actions.FirstOrDefault(a => keyAttributes.Contains(a.Path.Attribute)) is { } onKey)
        {
            throw DynamoDbErrors.InvalidParameter($"Cannot update attribute {onKey.Path.Attribute}. This attribute is part of the key");
        }

        var values = actions.Select(a => a.Value is null ? null : Evaluate(a.Value, original)).ToList();
        var item = (JsonObject)original.DeepClone();
        foreach (var (action, value) in actions.Zip(values))
        {
            switch (action.Clause)
            {
                case "SET":
                    Set(item, action.Path, value!);
                    break;
                case "REMOVE":
                    Remove(item, action.Path);
                    break;
                case "ADD":
                    Add(item, action.Path, value!);
                    break;
                default:
                    Delete(item, action.Path, value!);
                    break;
            }
        }

        return item;
    }

    /// <summary>The top-level attributes the actions change (what UPDATED_OLD and UPDATED_NEW return).</summary>
    public static HashSet<string> Touched(IEnumerable<UpdateAction> actions) => actions.Select(a => a.Path.Attribute).ToHashSet(StringComparer.Ordinal);

    private static JsonObject Evaluate(Operand operand, JsonObject item) => operand switch
    {
        ValueOperand v => v.Value,
        PathOperand p => ExpressionEvaluator.Resolve(p.Path, item) ?? throw Missing(),
        IfNotExistsOperand i => ExpressionEvaluator.Resolve(i.Path, item) ?? Evaluate(i.Fallback, item),
        ListAppendOperand l => Typed(Evaluate(l.First, item), "L") is var a && Typed(Evaluate(l.Second, item), "L") is var b
            ? new JsonObject { ["L"] = new JsonArray([.. a["L"]!.AsArray().Concat(b["L"]!.AsArray()).Select(e => e!.DeepClone())]) }
            : throw Missing(),
        ArithmeticOperand m => Arithmetic(Typed(Evaluate(m.Left, item), "N"), m.Operator, Typed(Evaluate(m.Right, item), "N")),
        _ => throw DynamoDbErrors.Validation("Invalid UpdateExpression: size() is not allowed in an update expression"),
    };

    private static JsonObject Arithmetic(JsonObject left, char op, JsonObject right)
    {
        var (a, b) = (AttributeValues.Number(left["N"]!.GetValue<string>()), AttributeValues.Number(right["N"]!.GetValue<string>()));
        return new JsonObject { ["N"] = AttributeValues.Format(op == '+' ? a + b : a - b) };
    }

    private static void Set(JsonObject item, DocumentPath path, JsonObject value)
    {
        var (parent, last) = Parent(item, path);
        switch (last, parent)
        {
            case (string member, JsonObject map):
                map[member] = value.DeepClone();
                break;
            case (int index, JsonArray list):
                if (index < list.Count)
                {
                    list[index] = value.DeepClone();
                }
                else
                {
                    list.Add(value.DeepClone());
                }

                break;
            default:
                throw InvalidPath();
        }
    }

    private static void Remove(JsonObject item, DocumentPath path)
    {
        var (parent, last) = Parent(item, path, forRemove: true);
        switch (last, parent)
        {
            case (string member, JsonObject map):
                map.Remove(member);
                break;
            case (int index, JsonArray list) when index < list.Count:
                list.RemoveAt(index);
                break;
        }
    }

    /// <summary>ADD: a number is added to (a missing one counts as 0), a set gains the members.</summary>
    private static void Add(JsonObject item, DocumentPath path, JsonObject value)
    {
        var type = AttributeValues.TypeOf(value);
        if (type is not ("N" or "SS" or "NS" or "BS"))
        {
            throw DynamoDbErrors.Validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: " + type);
        }

        var existing = ExpressionEvaluator.Resolve(path, item);
        if (existing is null)
        {
            Set(item, path, value);
            return;
        }

        Typed(existing, type);
        Set(item, path, type == "N"
            ? Arithmetic(existing, '+', value)
            : new JsonObject { [type] = new JsonArray([.. AttributeValues.Set(existing[type]!).Union(AttributeValues.Set(value[type]!)).Select(s
                => (JsonNode)s)]) });
    }

    /// <summary>DELETE: members leave a set; a set left empty is removed.</summary>
    private static void Delete(JsonObject item, DocumentPath path, JsonObject value)
    {
        var type = AttributeValues.TypeOf(value);
        if (type is not ("SS" or "NS" or "BS"))
        {
            throw DynamoDbErrors.Validation(
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: " + type);
        }

        if (ExpressionEvaluator.Resolve(path, item) is not { } existing)
        {
            return;
        }

        Typed(existing, type);
        var removed = type == "NS" ? AttributeValues.Set(value[type]!).Select(AttributeValues.Normalize).ToHashSet() : AttributeValues.Set(value[type]!);
        var kept = AttributeValues.Set(existing[type]!).Where(m => !removed.Contains(type == "NS" ? AttributeValues.Normalize(m) : m)).ToList();
        if (kept.Count == 0)
        {
            Remove(item, path);
        }
        else
        {
            Set(item, path, new JsonObject { [type] = new JsonArray([.. kept.Select(s => (JsonNode)s)]) });
        }
    }

    /// <summary>The container that holds the path's last element (the item, a map's members or a list) and that element.</summary>
    private static (JsonNode? Parent, object Last) Parent(JsonObject item, DocumentPath path, bool forRemove = false)
    {
        if (path.Elements.Count == 1)
        {
            return (item, path.Attribute);
        }

        var holder = ExpressionEvaluator.Resolve(new DocumentPath([.. path.Elements.SkipLast(1)]), item);
        if (holder is null)
        {
            return forRemove ? (null, path.Elements[^1]) : throw InvalidPath();
        }

        return (holder.First().Value, path.Elements[^1]);
    }

    private static JsonObject Typed(JsonObject value, string type) =>
        AttributeValues.TypeOf(value) == type
            ? value
            : throw DynamoDbErrors.Validation("An operand in the update expression has an incorrect data type");

    private static ServiceErrorException Missing()
        => DynamoDbErrors.Validation("The provided expression refers to an attribute that does not exist in the item");

    private static ServiceErrorException InvalidPath()
        => DynamoDbErrors.Validation("The document path provided in the update expression is invalid for update");
}
