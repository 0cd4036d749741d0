using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>A field name in a path: the value of that key in the context object, or in each object of an array.</summary>
internal sealed class NameNode(string name, int position) : ExpressionNode(position)
{
    public string Name { get; } = name;

    public override string Type => "name";

    protected override object? EvaluateCore(object? input, Frame environment) => Value.Lookup(input, Name);
}
