using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>cond ? then : else</c>; also what <c>??</c> and <c>?:</c> compile to (https://docs.jsonata.org/other-operators).</summary>
internal sealed class ConditionNode(ExpressionNode condition, ExpressionNode then, ExpressionNode? otherwise, int position)
    : ExpressionNode(position)
{
    public ExpressionNode Condition { get; } = condition;

    public ExpressionNode Then { get; set; } = then;

    public ExpressionNode? Else { get; set; } = otherwise;

    public override string Type => "condition";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        if (Value.Boolean(Condition.Evaluate(input, environment)) == true)
        {
            return Then.Evaluate(input, environment);
        }

        return Else?.Evaluate(input, environment);
    }
}
