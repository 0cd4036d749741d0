using BatchKit.Jsonata.Ast;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// A closure made by <c>function($x){...}</c> (https://docs.jsonata.org/programming#functions): the body, the
/// parameters, and the context value and scope it was defined in. A thunk is the tail call a lambda ends with,
/// left for the trampoline in <see cref="FunctionApplication.Apply"/> so tail recursion does not grow the stack.
/// </summary>
internal sealed class Lambda(object? input, Frame environment, string[] parameters, Signature? signature, ExpressionNode body, bool isThunk)
    : JsonataFunction
{
    public object? Input { get; } = input;

    public Frame Environment { get; } = environment;

    public string[] Parameters { get; } = parameters;

    public ExpressionNode Body { get; } = body;

    public bool IsThunk { get; } = isThunk;

    public override int Arity => Parameters.Length;

    public override Signature? Signature { get; } = signature;
}
