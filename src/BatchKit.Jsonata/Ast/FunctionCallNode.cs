using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>$f(a, b)</c>: evaluates the function and its arguments (eagerly), then applies it.</summary>
internal sealed class FunctionCallNode(ExpressionNode procedure, List<ExpressionNode> arguments, int position) : ExpressionNode(position)
{
    public ExpressionNode Procedure { get; } = procedure;

    public List<ExpressionNode> Arguments { get; } = arguments;

    public override string Type => "function";

    /// <summary>The name errors report for the called function.</summary>
    public string? ProcedureName => ProcedureNameOf(Procedure);

    protected override object? EvaluateCore(object? input, Frame environment) => Call(input, environment, applyTo: false, null);

    /// <summary>Calls the function; with <paramref name="applyTo"/> the left side of <c>~&gt;</c> is the first argument.</summary>
    public object? Call(object? input, Frame environment, bool applyTo, object? context)
    {
        var name = ProcedureName;
        var procedure = EvaluateProcedure(Procedure, input, environment, "T1005", Position);

        var offset = applyTo ? 1 : 0;
        var args = new object?[offset + Arguments.Count];
        if (applyTo)
        {
            args[0] = context;
        }

        for (var i = 0; i < Arguments.Count; i++)
        {
            args[offset + i] = Arguments[i].Evaluate(input, environment);
        }

        try
        {
            return FunctionApplication.Apply(procedure, args, input, environment, name, Position);
        }
        catch (JsonataException e) when (Locate(e, name))
        {
            throw; // not reached: Locate only annotates the error on its way up
        }
    }

    /// <summary>
    /// Names this call site in an error that has no position or token yet. An exception filter, not a catch and
    /// rethrow, so a deep recursion unwinds with one exception dispatch instead of one per level.
    /// </summary>
    private bool Locate(JsonataException e, string? name)
    {
        e.Position ??= Position;
        e.Token ??= name;
        return false;
    }

    /// <summary>
    /// The function to call. A name that finds nothing in the input but is a variable means the <c>$</c> was
    /// forgotten: <paramref name="code"/> (T1005, or T1007 for a partial application) says so.
    /// </summary>
    public static object? EvaluateProcedure(ExpressionNode procedure, object? input, Frame environment, string code, int position)
    {
        var value = procedure.Evaluate(input, environment);
        if (value is null && procedure is PathNode && ProcedureNameOf(procedure) is { } name && environment.Lookup(name) is not null)
        {
            throw new JsonataException(code) { Position = position, Token = name };
        }

        return value;
    }

    public static string? ProcedureNameOf(ExpressionNode procedure) => procedure switch
    {
        PathNode { Steps: [NameNode name, ..] } => name.Name,
        PathNode { Steps: [VariableNode variable, ..] } => variable.Name,
        VariableNode variable => variable.Name,
        _ => null,
    };
}
