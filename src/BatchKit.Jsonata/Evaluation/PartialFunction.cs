using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// A built-in (or other non-lambda function) with some arguments fixed and the rest left as <c>?</c>
/// (https://docs.jsonata.org/programming#partial-function-application), e.g. <c>$substring(?, 0, 5)</c>:
/// its parameters are the placeholders, in order.
/// </summary>
internal sealed class PartialFunction : JsonataFunction
{
    private readonly JsonataFunction _target;
    private readonly object?[] _arguments;
    private readonly int[] _placeholders;

    public PartialFunction(JsonataFunction target, object?[] arguments)
    {
        _target = target;
        _arguments = new object?[target.Arity];
        var placeholders = new List<int>();
        for (var i = 0; i < target.Arity; i++)
        {
            var argument = i < arguments.Length ? arguments[i] : null;
            if (ReferenceEquals(argument, Placeholder.Value))
            {
                placeholders.Add(i);
            }
            else
            {
                _arguments[i] = argument;
            }
        }

        _placeholders = [.. placeholders];
    }

    public override int Arity => _placeholders.Length;

    public object? Invoke(NativeCall call, object?[] args)
    {
        var full = (object?[])_arguments.Clone();
        for (var i = 0; i < _placeholders.Length; i++)
        {
            full[_placeholders[i]] = i < args.Length ? args[i] : null;
        }

        return FunctionApplication.Apply(_target, full, call.Input, call.Environment);
    }
}
