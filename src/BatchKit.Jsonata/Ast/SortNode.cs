using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary>The order-by step <c>^(&lt;a, &gt;b)</c> of a path (https://docs.jsonata.org/sorting-grouping#sorting).</summary>
internal sealed class SortNode(int position) : ExpressionNode(position)
{
    public List<(bool Descending, ExpressionNode Expression)> Terms { get; } = [];

    public override string Type => "sort";

    protected override object? EvaluateCore(object? input, Frame environment) =>
        throw new InvalidOperationException("An order-by clause is only evaluated as a step of a path.");
}
