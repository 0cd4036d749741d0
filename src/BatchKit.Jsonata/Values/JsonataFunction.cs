using BatchKit.Jsonata.Evaluation;

namespace BatchKit.Jsonata.Values;

/// <summary>
/// A function value: a lambda, a built-in or host function, a regex literal, a partial application
/// (https://docs.jsonata.org/programming#functions-are-first-class). <see cref="Arity"/> decides how many of
/// (value, index, array) the higher-order functions pass, as the reference implementation does.
/// </summary>
internal abstract class JsonataFunction
{
    public abstract int Arity { get; }

    /// <summary>The JSONata signature the arguments are validated against, if the function declares one.</summary>
    public virtual Signature? Signature => null;
}
