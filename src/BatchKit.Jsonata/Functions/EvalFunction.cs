using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Parsing;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>$eval: parses and evaluates an expression given as a string, in the caller's scope (https://docs.jsonata.org/string-functions#eval).</summary>
internal static class EvalFunction
{
    public static object? Eval(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string expression)
        {
            return null;
        }

        var input = call.Input;
        if (args.Length > 1 && args[1] is { } focus)
        {
            input = focus is JsonataArray { IsSequence: false } array
                ? new JsonataArray { array }.AsOuterWrapper()
                : focus;
        }

        Ast.ExpressionNode ast;
        try
        {
            ast = AstBuilder.Build(Parser.Parse(expression));
        }
        catch (JsonataException e)
        {
            throw new JsonataException("D3120") { Value = e.Message };
        }

        try
        {
            return ast.Evaluate(input, call.Environment);
        }
        catch (JsonataException e)
        {
            throw new JsonataException("D3121") { Value = e.Message };
        }
    }
}
