using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>*</c>: the values of every field of the context object, arrays flattened (https://docs.jsonata.org/path-operators).</summary>
internal sealed class WildcardNode(int position) : ExpressionNode(position)
{
    public override string Type => "wildcard";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        var results = JsonataArray.Sequence();
        if (input is JsonataArray { OuterWrapper: true, Count: > 0 } wrapper)
        {
            input = wrapper[0];
        }

        // an array is an object too, whose keys are its indexes
        IEnumerable<object?> values = input switch
        {
            JsonataObject obj => obj.Entries.Select(e => e.Value),
            JsonataArray items => items,
            _ => [],
        };
        foreach (var item in values)
        {
            if (item is JsonataArray array)
            {
                results = (JsonataArray)Value.Append(results, Value.Flatten(array))!;
            }
            else
            {
                results.Add(item);
            }
        }

        return results;
    }
}
