using BatchKit.Jsonata.Ast;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// Applying a function value to arguments: signature validation, lambdas, natives, partial applications, and the
/// trampoline that runs tail calls in a loop (https://docs.jsonata.org/programming#tail-call-optimization).
/// </summary>
internal static class FunctionApplication
{
    /// <summary>
    /// Applies <paramref name="function"/>; <paramref name="token"/> and <paramref name="position"/> name the call
    /// site in errors. <paramref name="input"/> is the context a <c>-</c> parameter takes.
    /// </summary>
    public static object? Apply(object? function, object?[] args, object? input, Frame environment, string? token = null, int? position = null)
    {
        var result = ApplyInner(function, args, input, environment, token, position);
        while (result is Lambda { IsThunk: true } thunk)
        {
            var call = (FunctionCallNode)thunk.Body;
            var next = call.Procedure.Evaluate(thunk.Input, thunk.Environment);
            var nextArgs = new object?[call.Arguments.Count];
            for (var i = 0; i < nextArgs.Length; i++)
            {
                nextArgs[i] = call.Arguments[i].Evaluate(thunk.Input, thunk.Environment);
            }

            var nextToken = call.Procedure is VariableNode variable ? variable.Name : null;
            result = ApplyInner(next, nextArgs, input, environment, nextToken, call.Procedure.Position);
        }

        return result;
    }

    private static object? ApplyInner(object? function, object?[] args, object? input, Frame environment, string? token, int? position)
    {
        try
        {
            if (function is not JsonataFunction callable)
            {
                throw new JsonataException("T1006");
            }

            var validated = callable.Signature is { } signature ? signature.Validate(args, input) : args;
            return callable switch
            {
                Lambda lambda => ApplyLambda(lambda, validated),
                NativeFunction native => native.Invoke(new NativeCall(environment, input), validated),
                PartialFunction partial => partial.Invoke(new NativeCall(environment, input), validated),
                RegexMatcher matcher => matcher.Invoke(validated),
                _ => throw new JsonataException("T1006"),
            };
        }
        catch (JsonataException e) when (function is JsonataFunction && Locate(e, token, position))
        {
            throw; // not reached: Locate only annotates the error on its way up
        }
    }

    /// <summary>Names the applied function in an error (a filter, so deep recursions unwind in one dispatch).</summary>
    private static bool Locate(JsonataException e, string? token, int? position)
    {
        e.Token ??= token;
        if (position is not null)
        {
            e.Position = position;
        }

        return false;
    }

    private static object? ApplyLambda(Lambda lambda, object?[] args)
    {
        var frame = new Frame(lambda.Environment);
        for (var i = 0; i < lambda.Parameters.Length; i++)
        {
            frame.Bind(lambda.Parameters[i], i < args.Length ? args[i] : null);
        }

        return lambda.Body.Evaluate(lambda.Input, frame);
    }

    /// <summary>
    /// The arguments a higher-order function passes: the value, then the index and the whole array only if the
    /// function takes them ($map, $filter, $each, $sift, $single).
    /// </summary>
    public static object?[] HigherOrderArguments(JsonataFunction function, object? value, object? position, object? whole)
    {
        var arity = function.Arity;
        return arity >= 3 ? [value, position, whole] : arity == 2 ? [value, position] : [value];
    }

    /// <summary>Partial application of a lambda: a new lambda over the placeholders, the other arguments bound.</summary>
    public static Lambda PartiallyApply(Lambda lambda, object?[] args)
    {
        var frame = new Frame(lambda.Environment);
        var unbound = new List<string>();
        for (var i = 0; i < lambda.Parameters.Length; i++)
        {
            var argument = i < args.Length ? args[i] : null;
            if (ReferenceEquals(argument, Placeholder.Value))
            {
                unbound.Add(lambda.Parameters[i]);
            }
            else
            {
                frame.Bind(lambda.Parameters[i], argument);
            }
        }

        return new Lambda(lambda.Input, frame, [.. unbound], null, lambda.Body, isThunk: false);
    }

    /// <summary>A scope holding the variables a tuple carries (its context under "@").</summary>
    public static Frame FrameFromTuple(Frame environment, TupleBinding tuple)
    {
        var frame = new Frame(environment);
        foreach (var (name, value) in tuple.Entries)
        {
            frame.Bind(name, value);
        }

        return frame;
    }
}
