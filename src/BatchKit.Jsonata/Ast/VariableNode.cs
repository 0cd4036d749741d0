using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>$name</c>; <c>$</c> alone is the context value and <c>$$</c> the input document.</summary>
internal sealed class VariableNode(string name, int position) : ExpressionNode(position)
{
    public string Name { get; } = name;

    public override string Type => "variable";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        if (Name.Length == 0)
        {
            return input is JsonataArray { OuterWrapper: true } wrapper ? wrapper[0] : input;
        }

        return environment.Lookup(Name);
    }
}
