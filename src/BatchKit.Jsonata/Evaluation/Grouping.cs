using BatchKit.Jsonata.Ast;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// Object construction and grouping (https://docs.jsonata.org/sorting-grouping#grouping): each item's key
/// expressions pick its group, then each group's value expression is evaluated over the group's items (over the
/// merged variables when the input is a tuple stream).
/// </summary>
internal static class Grouping
{
    public static JsonataObject Evaluate(GroupExpression group, object? input, Frame environment)
    {
        var items = input as JsonataArray ?? JsonataArray.Sequence(input);
        var reduce = items.IsTupleStream;
        if (items.Count == 0 && !reduce)
        {
            items = JsonataArray.Sequence(null); // so a literal object is still built
        }

        var groups = CollectGroups(group, items, reduce, environment);
        var result = new JsonataObject(groups.Count);
        var index = 0;
        foreach (var key in JavaScriptKeyOrder(groups.Keys))
        {
            var (data, pairIndex) = groups[key];
            var context = data;
            var scope = environment;
            if (reduce)
            {
                var tuple = Reduce(data);
                context = tuple.Context;
                tuple.Remove(TupleBinding.ContextName);
                scope = FunctionApplication.FrameFromTuple(environment, tuple);
                environment.IsParallelCall = index > 0; // the tuple's own scope was made before this mark
            }
            else
            {
                environment.Context.StartParallelItem(environment, index, groups.Count);
            }

            index++;
            var value = group.Pairs[pairIndex].Value.Evaluate(context, scope);
            if (value is not null)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static OrderedDictionary<string, (object? Data, int PairIndex)> CollectGroups(
        GroupExpression group, JsonataArray items, bool reduce, Frame environment)
    {
        var groups = new OrderedDictionary<string, (object? Data, int PairIndex)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var tuple = reduce ? (TupleBinding)item! : null;
            var scope = tuple is null ? environment : FunctionApplication.FrameFromTuple(environment, tuple);
            for (var pairIndex = 0; pairIndex < group.Pairs.Count; pairIndex++)
            {
                var key = group.Pairs[pairIndex].Key.Evaluate(tuple is null ? item : tuple.Context, scope);
                if (key is null)
                {
                    continue;
                }

                if (key is not string name)
                {
                    throw new JsonataException("T1003") { Position = group.Position, Value = key };
                }

                if (name is "_jsonata_lambda" or "_jsonata_function")
                {
                    // reserved by the reference implementation, which marks its function objects with them
                    throw new JsonataException("D1013") { Position = group.Position, Value = name };
                }

                if (groups.TryGetValue(name, out var entry))
                {
                    if (entry.PairIndex != pairIndex)
                    {
                        throw new JsonataException("D1009") { Position = group.Position, Value = name };
                    }

                    groups[name] = (Value.Append(entry.Data, item), pairIndex);
                }
                else
                {
                    groups[name] = (item, pairIndex);
                }
            }
        }

        return groups;
    }

    /// <summary>Merges the tuples of a group: each variable becomes the sequence of its values.</summary>
    private static TupleBinding Reduce(object? data)
    {
        if (data is not JsonataArray tuples)
        {
            return ((TupleBinding)data!).Copy();
        }

        var result = ((TupleBinding)tuples[0]!).Copy();
        for (var i = 1; i < tuples.Count; i++)
        {
            foreach (var (name, value) in ((TupleBinding)tuples[i]!).Entries)
            {
                result.Set(name, Value.Append(result.Get(name), value));
            }
        }

        return result;
    }

    /// <summary>Keys in the order JavaScript enumerates an object's: array indexes first, numerically.</summary>
    public static IEnumerable<string> JavaScriptKeyOrder(IEnumerable<string> keys)
    {
        var all = keys as IList<string> ?? keys.ToList();
        if (!all.Any(JsonataObject.IsArrayIndex))
        {
            return all;
        }

        return all.Where(JsonataObject.IsArrayIndex).OrderBy(k => ulong.Parse(k, System.Globalization.CultureInfo.InvariantCulture))
            .Concat(all.Where(k => !JsonataObject.IsArrayIndex(k)));
    }
}
