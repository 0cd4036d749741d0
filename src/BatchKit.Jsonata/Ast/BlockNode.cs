using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>(expr; expr; ...)</c>: a new scope; the value is the last expression's (https://docs.jsonata.org/programming).</summary>
internal sealed class BlockNode(List<ExpressionNode> expressions, int position) : ExpressionNode(position)
{
    public List<ExpressionNode> Expressions { get; } = expressions;

    public override string Type => "block";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        var frame = new Frame(environment);
        object? result = null;
        foreach (var expression in Expressions)
        {
            result = expression.Evaluate(input, frame);
        }

        return result;
    }
}
