namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// UpdateExpression: <c>SET a = :v, b = b + :n, c = list_append(c, :l), d = if_not_exists(d, :z) REMOVE e ADD f :n DELETE g :s</c>,
/// each clause at most once. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
/// </summary>
internal sealed partial class ExpressionParser
{
    private static readonly string[] Clauses = ["SET", "REMOVE", "ADD", "DELETE"];

    public static List<UpdateAction> ParseUpdate(string text, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser(text, "UpdateExpression", attributes);
        var actions = new List<UpdateAction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (parser.Peek() is { } token)
        {
            var clause = token.ToUpperInvariant();
            if (!Clauses.Contains(clause))
            {
                throw parser.Error(token);
            }

            if (!seen.Add(clause))
            {
                throw DynamoDbErrors.Syntax("UpdateExpression", $"The \"{clause}\" section can only be used once in an update expression;");
            }

            parser._at++;
            do
            {
                actions.Add(parser.Action(clause));
            }
            while (parser.Accept(","));
        }

        CheckOverlaps(actions);
        return actions;
    }

    private UpdateAction Action(string clause)
    {
        var path = Path();
        switch (clause)
        {
            case "SET":
                Expect("=");
                return new UpdateAction(clause, path, SetValue());
            case "REMOVE":
                return new UpdateAction(clause, path, null);
            default:
                var value = Next();
                return value.StartsWith(':') ? new UpdateAction(clause, path, new ValueOperand(_attributes.Value(value))) : throw Error(value);
        }
    }

    private Operand SetValue()
    {
        var left = SetOperand();
        return Peek() is "+" or "-" ? new ArithmeticOperand(left, Next()[0], SetOperand()) : left;
    }

    private Operand SetOperand()
    {
        var function = Peek(1) == "(" ? Peek() : null;
        if (function == "if_not_exists")
        {
            _at += 2;
            var path = Path();
            Expect(",");
            var fallback = SetValue();
            Expect(")");
            return new IfNotExistsOperand(path, fallback);
        }

        if (function == "list_append")
        {
            _at += 2;
            var first = SetValue();
            Expect(",");
            var second = SetValue();
            Expect(")");
            return new ListAppendOperand(first, second);
        }

        if (function is not null)
        {
            throw DynamoDbErrors.Syntax("UpdateExpression", $"Invalid function name; function: {function}");
        }

        return Peek() is { } token && token.StartsWith(':') ? new ValueOperand(_attributes.Value(Next())) : new PathOperand(Path());
    }

    private static void CheckOverlaps(List<UpdateAction> actions)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            for (var j = i + 1; j < actions.Count; j++)
            {
                if (actions[i].Path.Overlaps(actions[j].Path))
                {
                    throw DynamoDbErrors.Syntax(
                        "UpdateExpression",
                            $"Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [{actions[i].Path}], path " +
                                $"two: [{actions[j].Path}]");
                }
            }
        }
    }
}
