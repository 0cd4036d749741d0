using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>%</c>: the context of the step that produced the current one (https://docs.jsonata.org/path-operators#-parent).</summary>
internal sealed class ParentNode(AncestorSlot slot, int position) : ExpressionNode(position)
{
    public AncestorSlot Slot { get; } = slot;

    public override string Type => "parent";

    protected override object? EvaluateCore(object? input, Frame environment) => environment.Lookup(Slot.Label);
}
