using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>$sum, $count, $max, $min, $average (https://docs.jsonata.org/aggregation-functions).</summary>
internal static class AggregationFunctions
{
    public static object? Sum(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray numbers)
        {
            return null;
        }

        var total = 0.0;
        foreach (var number in numbers)
        {
            total += (double)number!;
        }

        return total;
    }

    public static object? Count(NativeCall call, object?[] args) => Arg(args, 0) is JsonataArray items ? (double)items.Count : 0.0;

    public static object? Max(NativeCall call, object?[] args) => Extreme(Arg(args, 0), Math.Max) is { } max ? max : null;

    public static object? Min(NativeCall call, object?[] args) => Extreme(Arg(args, 0), Math.Min) is { } min ? min : null;

    public static object? Average(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not JsonataArray { Count: > 0 } numbers)
        {
            return null;
        }

        return (double)Sum(call, args)! / numbers.Count;
    }

    private static double? Extreme(object? value, Func<double, double, double> pick)
    {
        if (value is not JsonataArray { Count: > 0 } numbers)
        {
            return null;
        }

        var result = (double)numbers[0]!;
        for (var i = 1; i < numbers.Count; i++)
        {
            result = pick(result, (double)numbers[i]!);
        }

        return result;
    }
}
