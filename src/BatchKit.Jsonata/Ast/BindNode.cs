using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>$name := value</c>: binds in the current scope and yields the value.</summary>
internal sealed class BindNode(string name, ExpressionNode value, int position) : ExpressionNode(position)
{
    public string Name { get; } = name;

    public ExpressionNode ValueExpression { get; } = value;

    public override string Type => "bind";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        var value = ValueExpression.Evaluate(input, environment);
        environment.Bind(Name, value);
        return value;
    }
}
