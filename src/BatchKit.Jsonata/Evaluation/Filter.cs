using BatchKit.Jsonata.Ast;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// A predicate <c>[expr]</c> applied to a sequence (https://docs.jsonata.org/predicate): a number (or array of
/// numbers) selects by position, negative from the end; anything else keeps the items it is true for.
/// </summary>
internal static class Filter
{
    public static object? Apply(ExpressionNode predicate, object? input, Frame environment)
    {
        var results = JsonataArray.Sequence();
        var items = input as JsonataArray ?? JsonataArray.Sequence(input);
        if (items.IsTupleStream)
        {
            results.IsTupleStream = true;
        }

        if (predicate is LiteralNode { Value: double number })
        {
            return ByPosition(items, number, results);
        }

        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var context = item;
            var scope = environment;
            if (items.IsTupleStream && item is TupleBinding tuple)
            {
                context = tuple.Context;
                scope = FunctionApplication.FrameFromTuple(environment, tuple);
            }

            var result = predicate.Evaluate(context, scope);
            if (Value.IsNumeric(result))
            {
                result = new JsonataArray { result };
            }

            if (Value.IsArrayOfNumbers(result))
            {
                foreach (var position in (JsonataArray)result!)
                {
                    var selected = (int)Math.Floor((double)position!);
                    if (selected < 0)
                    {
                        selected += items.Count;
                    }

                    if (selected == index)
                    {
                        results.Add(item);
                    }
                }
            }
            else if (Value.Boolean(result) == true)
            {
                results.Add(item);
            }
        }

        return results;
    }

    /// <summary>A literal number picks one item (rounded down; negative counts from the end); an array item is the result itself.</summary>
    private static JsonataArray ByPosition(JsonataArray items, double number, JsonataArray results)
    {
        var index = (int)Math.Floor(number);
        if (index < 0)
        {
            index += items.Count;
        }

        var item = index >= 0 && index < items.Count ? items[index] : null;
        if (item is JsonataArray array)
        {
            return array;
        }

        if (item is not null)
        {
            results.Add(item);
        }

        return results;
    }
}
