using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>$append, $reverse, $sort, $shuffle, $distinct, $zip (https://docs.jsonata.org/array-functions).</summary>
internal static class ArrayFunctions
{
    public static object? Append(NativeCall call, object?[] args) => Value.Append(Arg(args, 0), Arg(args, 1));

    public static object? Reverse(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        var result = new JsonataArray(array);
        result.Reverse();
        return result;
    }

    public static object? Sort(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        if (Arg(args, 1) is JsonataFunction comparator)
        {
            return Sorting.MergeSort(array,
                (a, b) => Value.IsTruthy(FunctionApplication.Apply(comparator, [a, b], null, call.Environment)));
        }

        if (Value.IsArrayOfNumbers(array))
        {
            return Sorting.MergeSort(array, (a, b) => (double)a! > (double)b!);
        }

        if (Value.IsArrayOfStrings(array))
        {
            return Sorting.MergeSort(array, (a, b) => string.CompareOrdinal((string)a!, (string)b!) > 0);
        }

        throw new JsonataException("D3070") { Index = 1 };
    }

    public static object? Shuffle(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray array)
        {
            return null;
        }

        if (array.Count <= 1)
        {
            return array;
        }

        // the 'inside-out' Fisher-Yates shuffle
        var result = new object?[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var j = System.Random.Shared.Next(i + 1);
            if (i != j)
            {
                result[i] = result[j];
            }

            result[j] = array[i];
        }

        return new JsonataArray(result);
    }

    public static object? Distinct(NativeCall call, object?[] args)
    {
        var value = Arg(args, 0);
        if (value is not JsonataArray { Count: > 1 } array)
        {
            return value;
        }

        var results = new JsonataArray { IsSequence = array.IsSequence };
        foreach (var item in array)
        {
            if (!results.Exists(existing => Value.DeepEquals(item, existing)))
            {
                results.Add(item);
            }
        }

        return results;
    }

    public static object? Zip(NativeCall call, object?[] args)
    {
        var result = new JsonataArray();
        var length = args.Length == 0 ? 0 : args.Min(a => a is JsonataArray array ? array.Count : 0);
        for (var i = 0; i < length; i++)
        {
            var tuple = new JsonataArray(args.Length);
            foreach (var arg in args)
            {
                tuple.Add(((JsonataArray)arg!)[i]);
            }

            result.Add(tuple);
        }

        return result;
    }
}
