using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>
/// <c>[a, b, ...]</c>: items that are sequences are flattened in, nested constructors stay arrays
/// (https://docs.jsonata.org/construction#array-constructors).
/// </summary>
internal sealed class ArrayConstructorNode(List<ExpressionNode> expressions, int position) : ExpressionNode(position)
{
    public List<ExpressionNode> Expressions { get; } = expressions;

    public override string Type => "unary";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        if (Expressions is [BinaryNode { Operator: ".." } range])
        {
            // [a..b]: the range's fresh array becomes the result itself, so ten million items are not copied
            environment.Context.StartParallelItem(environment, 0, 1);
            var items = range.Evaluate(input, environment);
            if (items is JsonataArray fresh)
            {
                fresh.IsSequence = false;
                fresh.IsConstructed = ConsArray;
                return fresh;
            }

            return items is null ? new JsonataArray { IsConstructed = ConsArray } : new JsonataArray { items };
        }

        var result = new JsonataArray();
        for (var k = 0; k < Expressions.Count; k++)
        {
            var item = Expressions[k];
            environment.Context.StartParallelItem(environment, k, Expressions.Count);
            var value = item.Evaluate(input, environment);
            if (value is null)
            {
                continue;
            }

            if (item is ArrayConstructorNode || value is not JsonataArray array)
            {
                result.Add(value);
            }
            else
            {
                result.AddRange(array);
            }
        }

        if (ConsArray)
        {
            result.IsConstructed = true;
        }

        return result;
    }
}
