using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary>The <c>?</c> argument of a partial application.</summary>
internal sealed class PlaceholderNode(int position) : ExpressionNode(position)
{
    public override string Type => "operator";

    protected override object? EvaluateCore(object? input, Frame environment) => Placeholder.Value;
}
