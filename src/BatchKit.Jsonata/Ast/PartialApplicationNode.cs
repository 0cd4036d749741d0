using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>$f(?, b)</c>: a new function of the <c>?</c> arguments (https://docs.jsonata.org/programming#partial-function-application).</summary>
internal sealed class PartialApplicationNode(ExpressionNode procedure, List<ExpressionNode> arguments, int position) : ExpressionNode(position)
{
    public ExpressionNode Procedure { get; } = procedure;

    public List<ExpressionNode> Arguments { get; } = arguments;

    public override string Type => "partial";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        var args = new object?[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i] is PlaceholderNode ? Placeholder.Value : Arguments[i].Evaluate(input, environment);
        }

        var procedure = FunctionCallNode.EvaluateProcedure(Procedure, input, environment, "T1007", Position);
        var name = FunctionCallNode.ProcedureNameOf(Procedure);

        return procedure switch
        {
            Lambda lambda => FunctionApplication.PartiallyApply(lambda, args),
            JsonataFunction function => new PartialFunction(function, args),
            _ => throw new JsonataException("T1008") { Position = Position, Token = name },
        };
    }
}
