using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>function($a, $b)&lt;sig&gt;{ body }</c>, or the thunk wrapping a tail call: evaluates to a closure.</summary>
internal sealed class LambdaNode(string[] parameters, Signature? signature, ExpressionNode body, bool isThunk, int position)
    : ExpressionNode(position)
{
    public string[] Parameters { get; } = parameters;

    public Signature? Signature { get; } = signature;

    public ExpressionNode Body { get; set; } = body;

    public bool IsThunk { get; } = isThunk;

    public override string Type => "lambda";

    protected override object? EvaluateCore(object? input, Frame environment) =>
        new Lambda(input, environment, Parameters, Signature, Body, IsThunk);
}
