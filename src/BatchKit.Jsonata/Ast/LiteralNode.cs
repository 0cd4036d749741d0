using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary>A string, number, <c>true</c>, <c>false</c> or <c>null</c> literal.</summary>
internal sealed class LiteralNode(string type, object value, int position) : ExpressionNode(position)
{
    public object Value { get; } = value;

    public override string Type { get; } = type;

    protected override object? EvaluateCore(object? input, Frame environment) => Value;
}
