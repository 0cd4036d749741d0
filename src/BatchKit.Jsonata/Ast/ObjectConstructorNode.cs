using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>{key: value, ...}</c> (https://docs.jsonata.org/construction#object-constructors).</summary>
internal sealed class ObjectConstructorNode(GroupExpression pairs, int position) : ExpressionNode(position)
{
    public GroupExpression Pairs { get; } = pairs;

    public override string Type => "unary";

    protected override object? EvaluateCore(object? input, Frame environment) => Grouping.Evaluate(Pairs, input, environment);
}
