using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>Numeric negation <c>-expr</c>.</summary>
internal sealed class UnaryMinusNode(ExpressionNode expression, int position) : ExpressionNode(position)
{
    public ExpressionNode Expression { get; } = expression;

    public override string Type => "unary";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        var value = Expression.Evaluate(input, environment);
        if (value is null)
        {
            return null;
        }

        if (Value.IsNumeric(value))
        {
            return -(double)value;
        }

        throw new JsonataException("D1002") { Position = Position, Token = "-", Value = value };
    }
}
