namespace BatchKit.Jsonata.Ast;

/// <summary>A predicate <c>[expr]</c> (filter) or a position binding <c>#$i</c> (index) applied to a step's results.</summary>
internal sealed class Stage
{
    private Stage(ExpressionNode? expression, string? indexVariable, int position)
    {
        Expression = expression;
        IndexVariable = indexVariable;
        Position = position;
    }

    public ExpressionNode? Expression { get; }

    public string? IndexVariable { get; }

    public int Position { get; }

    public bool IsFilter => Expression is not null;

    public static Stage Filter(ExpressionNode expression, int position) => new(expression, null, position);

    public static Stage Index(string variable, int position) => new(null, variable, position);
}
