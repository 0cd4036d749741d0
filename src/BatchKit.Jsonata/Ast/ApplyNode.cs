using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Parsing;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>
/// <c>value ~&gt; $f(args)</c> calls $f with the value as first argument; <c>$f ~&gt; $g</c> composes two functions
/// (https://docs.jsonata.org/other-operators#-chain).
/// </summary>
internal sealed class ApplyNode(ExpressionNode lhs, ExpressionNode rhs, int position) : ExpressionNode(position)
{
    /// <summary>Composition as the reference defines it: λ($f, $g) { λ($x){ $g($f($x)) } }.</summary>
    private static readonly Lazy<ExpressionNode> Chain = new(() => AstBuilder.Build(Parser.Parse("function($f, $g) { function($x){ $g($f($x)) } }")));

    public ExpressionNode Lhs { get; } = lhs;

    public ExpressionNode Rhs { get; } = rhs;

    public override string Type => "apply";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        var lhs = Lhs.Evaluate(input, environment);
        if (Rhs is FunctionCallNode call)
        {
            return call.Call(input, environment, applyTo: true, lhs);
        }

        var function = Rhs.Evaluate(input, environment);
        if (function is not JsonataFunction)
        {
            throw new JsonataException("T2006") { Position = Position, Value = function };
        }

        if (lhs is JsonataFunction)
        {
            var chain = Chain.Value.Evaluate(null, environment);
            return FunctionApplication.Apply(chain, [lhs, function], null, environment);
        }

        return FunctionApplication.Apply(function, [lhs], null, environment);
    }
}
