using BatchKit.Jsonata.Ast;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// The order-by step (https://docs.jsonata.org/sorting-grouping#sorting) and the stable merge sort $sort uses: the
/// comparator answers "should b come before a", and equal items keep their order.
/// </summary>
internal static class Sorting
{
    public static object? Evaluate(SortNode sort, JsonataArray input, Frame environment)
    {
        var isTupleSort = input.IsTupleStream;
        return MergeSort(input, (a, b) => Compare(sort, a, b, isTupleSort, environment) == 1);
    }

    private static int Compare(SortNode sort, object? a, object? b, bool isTupleSort, Frame environment)
    {
        var comparison = 0;
        for (var index = 0; comparison == 0 && index < sort.Terms.Count; index++)
        {
            var (descending, expression) = sort.Terms[index];
            var aa = Key(expression, a, isTupleSort, environment);
            var bb = Key(expression, b, isTupleSort, environment);
            if (aa is null)
            {
                comparison = bb is null ? 0 : 1; // undefined sorts last
                continue;
            }

            if (bb is null)
            {
                comparison = -1;
                continue;
            }

            if (aa is not (string or double) || bb is not (string or double))
            {
                throw new JsonataException("T2008") { Position = sort.Position, Value = aa is string or double ? bb : aa };
            }

            if (aa.GetType() != bb.GetType())
            {
                throw new JsonataException("T2007") { Position = sort.Position, Value = aa, Value2 = bb };
            }

            var order = aa is double x ? NumberOrder(x, (double)bb) : string.CompareOrdinal((string)aa, (string)bb);
            if (order == 0)
            {
                continue;
            }

            comparison = order < 0 ? -1 : 1;
            if (descending)
            {
                comparison = -comparison;
            }
        }

        return comparison;
    }

    /// <summary>JavaScript's a === b, a &lt; b: NaN is neither equal nor less.</summary>
    private static int NumberOrder(double a, double b) => a == b ? 0 : a < b ? -1 : 1;

    private static object? Key(ExpressionNode expression, object? item, bool isTupleSort, Frame environment)
    {
        if (isTupleSort && item is TupleBinding tuple)
        {
            return expression.Evaluate(tuple.Context, FunctionApplication.FrameFromTuple(environment, tuple));
        }

        return expression.Evaluate(item, environment);
    }

    /// <summary>
    /// The reference's merge sort: an array of zero or one items comes back as it is, otherwise a new plain array.
    /// <paramref name="swap"/>(a, b) is true when b must precede a.
    /// </summary>
    public static JsonataArray MergeSort(JsonataArray items, Func<object?, object?, bool> swap)
    {
        if (items.Count <= 1)
        {
            return items;
        }

        var buffer = items.ToArray();
        return [.. Sort(buffer, swap)];
    }

    private static object?[] Sort(object?[] items, Func<object?, object?, bool> swap)
    {
        if (items.Length <= 1)
        {
            return items;
        }

        var middle = items.Length / 2;
        var left = Sort(items[..middle], swap);
        var right = Sort(items[middle..], swap);
        var merged = new object?[items.Length];
        int l = 0, r = 0, m = 0;
        while (l < left.Length && r < right.Length)
        {
            merged[m++] = swap(left[l], right[r]) ? right[r++] : left[l++];
        }

        while (l < left.Length)
        {
            merged[m++] = left[l++];
        }

        while (r < right.Length)
        {
            merged[m++] = right[r++];
        }

        return merged;
    }
}
