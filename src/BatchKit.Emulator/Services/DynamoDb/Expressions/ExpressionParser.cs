namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// Parses DynamoDB's expression languages into trees: conditions (OR binds looser than AND, AND than NOT), update
/// expressions, projections. Placeholders are resolved while parsing, so an undefined one fails the call before any
/// item is read.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Syntax
/// </summary>
internal sealed partial class ExpressionParser
{
    private static readonly string[] Comparators = ["=", "<>", "<", "<=", ">", ">="];
    private readonly List<string> _tokens;
    private readonly string _expression;
    private readonly ExpressionAttributes _attributes;
    private int _at;

    private ExpressionParser(string text, string expression, ExpressionAttributes attributes)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw DynamoDbErrors.Validation($"Invalid {expression}: The expression can not be empty;");
        }

        (_expression, _attributes) = (expression, attributes);
        _tokens = ExpressionTokenizer.Tokenize(text, expression);
    }

    public static Condition ParseCondition(string text, string expression, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser(text, expression, attributes);
        var condition = parser.Or();
        parser.End();
        return condition;
    }

    public static List<DocumentPath> ParseProjection(string text, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser(text, "ProjectionExpression", attributes);
        var paths = new List<DocumentPath> { parser.Path() };
        while (parser.Accept(","))
        {
            paths.Add(parser.Path());
        }

        parser.End();
        return paths;
    }

    private Condition Or()
    {
        var left = And();
        while (AcceptKeyword("OR"))
        {
            left = new OrCondition(left, And());
        }

        return left;
    }

    private Condition And()
    {
        var left = Not();
        while (AcceptKeyword("AND"))
        {
            left = new AndCondition(left, Not());
        }

        return left;
    }

    private Condition Not() => AcceptKeyword("NOT") ? new NotCondition(Not()) : Primary();

    private Condition Primary()
    {
        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        if (Peek(1) == "(" && Peek() is { } name && !name.Equals("size", StringComparison.OrdinalIgnoreCase))
        {
            return Function();
        }

        var left = Operand();
        if (AcceptKeyword("BETWEEN"))
        {
            var low = Operand();
            ExpectKeyword("AND");
            return new BetweenCondition(left, low, Operand());
        }

        if (AcceptKeyword("IN"))
        {
            Expect("(");
            var candidates = new List<Operand> { Operand() };
            while (Accept(","))
            {
                candidates.Add(Operand());
            }

            Expect(")");
            return new InCondition(left, candidates);
        }

        var comparator = Next();
        return Comparators.Contains(comparator) ? new ComparisonCondition(left, comparator, Operand()) : throw Error(comparator);
    }

    private FunctionCondition Function()
    {
        var name = Next();
        var (arity, known) = name switch
        {
            "attribute_exists" or "attribute_not_exists" => (1, true),
            "attribute_type" or "begins_with" or "contains" => (2, true),
            _ => (0, false),
        };
        if (!known)
        {
            throw DynamoDbErrors.Syntax(_expression, $"Invalid function name; function: {name}");
        }

        Expect("(");
        var arguments = new List<Operand> { Operand() };
        while (Accept(","))
        {
            arguments.Add(Operand());
        }

        Expect(")");
        if (arguments.Count != arity || arguments[0] is not PathOperand)
        {
            throw DynamoDbErrors.Syntax(_expression, $"Incorrect number or type of operands for function; function: {name}");
        }

        return new FunctionCondition(name, arguments);
    }

    /// <summary>A path, a :value, or size(path).</summary>
    private Operand Operand()
    {
        if (Peek() is { } token && token.StartsWith(':'))
        {
            _at++;
            return new ValueOperand(_attributes.Value(token));
        }

        if (Peek() is { } size && size.Equals("size", StringComparison.OrdinalIgnoreCase) && Peek(1) == "(")
        {
            _at += 2;
            var path = Path();
            Expect(")");
            return new SizeOperand(path);
        }

        return new PathOperand(Path());
    }
}
