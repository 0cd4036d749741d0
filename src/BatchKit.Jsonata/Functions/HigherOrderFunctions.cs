using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>$map, $filter, $single, $reduce, $each, $sift (https://docs.jsonata.org/higher-order-functions).</summary>
internal static class HigherOrderFunctions
{
    public static object? Map(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray array)
        {
            return null;
        }

        var function = (JsonataFunction)Arg(args, 1)!;
        var result = JsonataArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            var value = Invoke(call, function, array[i], (double)i, array);
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    public static object? Filter(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray array)
        {
            return null;
        }

        var function = (JsonataFunction)Arg(args, 1)!;
        var result = JsonataArray.Sequence();
        for (var i = 0; i < array.Count; i++)
        {
            if (Value.Boolean(Invoke(call, function, array[i], (double)i, array)) == true)
            {
                result.Add(array[i]);
            }
        }

        return result;
    }

    public static object? Single(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray array)
        {
            return null;
        }

        var function = Arg(args, 1) as JsonataFunction;
        object? result = null;
        var found = false;
        for (var i = 0; i < array.Count; i++)
        {
            var positive = function is null || Value.Boolean(Invoke(call, function, array[i], (double)i, array)) == true;
            if (!positive)
            {
                continue;
            }

            if (found)
            {
                throw new JsonataException("D3138") { Index = i };
            }

            result = array[i];
            found = true;
        }

        return found ? result : throw new JsonataException("D3139");
    }

    public static object? Reduce(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray sequence)
        {
            return null;
        }

        var function = (JsonataFunction)Arg(args, 1)!;
        var arity = function.Arity;
        if (arity < 2)
        {
            throw new JsonataException("D3050") { Index = 1 };
        }

        var init = Arg(args, 2);
        var (result, index) = init is null && sequence.Count > 0 ? (sequence[0], 1) : (init, 0);
        for (; index < sequence.Count; index++)
        {
            object?[] callArgs = arity >= 4 ? [result, sequence[index], (double)index, sequence]
                : arity >= 3 ? [result, sequence[index], (double)index]
                : [result, sequence[index]];
            result = FunctionApplication.Apply(function, callArgs, null, call.Environment);
        }

        return result;
    }

    public static object? Each(NativeCall call, object?[] args)
    {
        var result = JsonataArray.Sequence();
        if (Arg(args, 0) is not JsonataObject obj)
        {
            return result;
        }

        var function = (JsonataFunction)Arg(args, 1)!;
        foreach (var (key, item) in obj.Entries.ToList())
        {
            var value = Invoke(call, function, item, key, obj);
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    public static object? Sift(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataObject obj)
        {
            return null;
        }

        var result = new JsonataObject();
        if (obj.Count == 0)
        {
            return null;
        }

        var function = Arg(args, 1) as JsonataFunction ?? throw new JsonataException("T0410") { Index = 2 };
        foreach (var (key, item) in obj.Entries.ToList())
        {
            if (Value.Boolean(Invoke(call, function, item, key, obj)) == true)
            {
                result[key] = item;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static object? Invoke(NativeCall call, JsonataFunction function, object? value, object? position, object? whole) =>
        FunctionApplication.Apply(function, FunctionApplication.HigherOrderArguments(function, value, position, whole), null, call.Environment);
}
