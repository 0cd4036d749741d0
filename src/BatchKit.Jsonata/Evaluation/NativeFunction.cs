using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>The implementation of a built-in or host function: validated arguments in, a value or undefined (null) out.</summary>
internal delegate object? NativeImplementation(NativeCall call, object?[] args);

/// <summary>
/// A function implemented in C#: the built-in library, host functions from <see cref="JsonataBindings"/>, and the
/// functions the evaluator makes (transforms, regex match continuations). <see cref="Arity"/> is the number of
/// parameters the reference implementation declares for it.
/// </summary>
internal sealed class NativeFunction(string name, Signature? signature, int arity, NativeImplementation implementation) : JsonataFunction
{
    public NativeFunction(string name, string signature, int arity, NativeImplementation implementation)
        : this(name, Signature.Parse(signature), arity, implementation)
    {
    }

    public string Name { get; } = name;

    public override int Arity { get; } = arity;

    public override Signature? Signature { get; } = signature;

    public object? Invoke(NativeCall call, object?[] args) => implementation(call, args);

    public override string ToString() => "$" + Name;
}
