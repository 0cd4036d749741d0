using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// Evaluates a condition on an item (null when there is none). A comparison with a missing attribute or with values of
/// two types is false, except <c>&lt;&gt;</c>, which is then true.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
/// </summary>
internal static class ExpressionEvaluator
{
    public static bool Evaluate(Condition condition, JsonObject? item) => condition switch
    {
        AndCondition and => Evaluate(and.Left, item) && Evaluate(and.Right, item),
        OrCondition or => Evaluate(or.Left, item) || Evaluate(or.Right, item),
        NotCondition not => !Evaluate(not.Inner, item),
        ComparisonCondition c => Compare(Value(c.Left, item), c.Comparator, Value(c.Right, item)),
        BetweenCondition b => Compare(Value(b.Value, item), ">=", Value(b.Low, item)) && Compare(Value(b.Value, item), "<=", Value(b.High, item)),
        InCondition i => i.Candidates.Any(c => AttributeValues.Equal(Value(i.Value, item), Value(c, item))),
        FunctionCondition f => Function(f, item),
        _ => throw new InvalidOperationException($"unknown condition {condition}"),
    };

    /// <summary>The value at a document path, or null when any step of it is missing.</summary>
    public static JsonObject? Resolve(DocumentPath path, JsonObject? item)
    {
        JsonObject? current = item?[path.Attribute] as JsonObject;
        foreach (var element in path.Elements.Skip(1))
        {
            current = (element, current) switch
            {
                (string member, { } map) when AttributeValues.TypeOf(map) == "M" => map["M"]![member] as JsonObject,
                (int index, { } list) when AttributeValues.TypeOf(list) == "L" && index < list["L"]!.AsArray().Count => list["L"]![index] as JsonObject,
                _ => null,
            };
        }

        return current;
    }

    public static JsonObject? Value(Operand operand, JsonObject? item) => operand switch
    {
        PathOperand p => Resolve(p.Path, item),
        ValueOperand v => v.Value,
        SizeOperand s => Size(Resolve(s.Path, item)),
        _ => throw DynamoDbErrors.Validation("Invalid ConditionExpression: this function or operator is allowed only in an UpdateExpression's SET"),
    };

    private static bool Compare(JsonObject? left, string comparator, JsonObject? right)
    {
        if (comparator == "=")
        {
            return AttributeValues.Equal(left, right);
        }

        if (comparator == "<>")
        {
            return !AttributeValues.Equal(left, right);
        }

        if (left is null || right is null || AttributeValues.Compare(left, right) is not { } order)
        {
            return false;
        }

        return comparator switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
    }

    private static bool Function(FunctionCondition function, JsonObject? item)
    {
        var subject = Value(function.Arguments[0], item);
        var argument = function.Arguments.Count > 1 ? Value(function.Arguments[1], item) : null;
        return function.Name switch
        {
            "attribute_exists" => subject is not null,
            "attribute_not_exists" => subject is null,
            "attribute_type" => subject is not null && argument?["S"]?.GetValue<string>() == AttributeValues.TypeOf(subject),
            "begins_with" => BeginsWith(subject, argument),
            _ => Contains(subject, argument),
        };
    }

    private static bool BeginsWith(JsonObject? subject, JsonObject? prefix) =>
        (subject, prefix) switch
        {
            ({ } s, { } p) when AttributeValues.TypeOf(s) == "S" && AttributeValues.TypeOf(p) == "S" =>
                s["S"]!.GetValue<string>().StartsWith(p["S"]!.GetValue<string>(), StringComparison.Ordinal),
            ({ } s, { } p) when AttributeValues.TypeOf(s) == "B" && AttributeValues.TypeOf(p) == "B" =>
                Convert.FromBase64String(s["B"]!.GetValue<string>()).AsSpan().StartsWith(Convert.FromBase64String(p["B"]!.GetValue<string>())),
            _ => false,
        };

    private static bool Contains(JsonObject? subject, JsonObject? operand)
    {
        if (subject is null || operand is null)
        {
            return false;
        }

        var (type, content) = (AttributeValues.TypeOf(subject), subject.First().Value!);
        return type switch
        {
            "S" when AttributeValues.TypeOf(operand) == "S" => content.GetValue<string>().Contains(operand["S"]!.GetValue<string>(), StringComparison.Ordinal),
            "SS" or "NS" or "BS" when AttributeValues.TypeOf(operand) == type[..1] =>
                content.AsArray().Any(e => AttributeValues.Equal(new JsonObject { [type[..1]] = e!.GetValue<string>() }, operand)),
            "L" => content.AsArray().Any(e => AttributeValues.Equal(e as JsonObject, operand)),
            _ => false,
        };
    }

    /// <summary>size(): characters of a string, bytes of a binary, members of a set, list or map.</summary>
    private static JsonObject? Size(JsonObject? value)
    {
        if (value is null)
        {
            return null;
        }

        var content = value.First().Value!;
        long? size = AttributeValues.TypeOf(value) switch
        {
            "S" => content.GetValue<string>().Length,
            "B" => Convert.FromBase64String(content.GetValue<string>()).Length,
            "SS" or "NS" or "BS" or "L" => content.AsArray().Count,
            "M" => content.AsObject().Count,
            _ => null,
        };
        return size is { } n ? new JsonObject { ["N"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null;
    }
}
