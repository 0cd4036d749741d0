using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary><c>**</c>: the context value and every value nested in it, depth first (https://docs.jsonata.org/path-operators).</summary>
internal sealed class DescendantNode(int position) : ExpressionNode(position)
{
    public override string Type => "descendant";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        if (input is null)
        {
            return null;
        }

        var results = JsonataArray.Sequence();
        Collect(input, results);
        return results.Count == 1 ? results[0] : results;
    }

    private static void Collect(object? input, JsonataArray results)
    {
        StackGuard.Ensure();
        if (input is JsonataArray array)
        {
            foreach (var item in array)
            {
                Collect(item, results);
            }

            return;
        }

        results.Add(input);
        if (input is JsonataObject obj)
        {
            foreach (var (_, item) in obj.Entries)
            {
                Collect(item, results);
            }
        }
    }
}
