using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Functions;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>
/// The binary operators: numeric <c>+ - * / %</c>, comparison <c>= != &lt; &lt;= &gt; &gt;=</c>, boolean
/// <c>and or</c> (short-circuit), string <c>&amp;</c>, range <c>..</c> and inclusion <c>in</c>
/// (https://docs.jsonata.org/numeric-operators, /comparison-operators, /boolean-operators, /other-operators).
/// </summary>
internal sealed class BinaryNode(string op, ExpressionNode lhs, ExpressionNode rhs, int position) : ExpressionNode(position)
{
    /// <summary>The reference caps a range at ten million items (D2014).</summary>
    private const double MaxRange = 1e7;

    private readonly BinaryOperator _kind = op switch
    {
        "+" or "-" or "*" or "/" or "%" => BinaryOperator.Arithmetic,
        "=" => BinaryOperator.Equal,
        "!=" => BinaryOperator.NotEqual,
        "<" or "<=" or ">" or ">=" => BinaryOperator.Comparison,
        "&" => BinaryOperator.Concatenation,
        ".." => BinaryOperator.Range,
        "in" => BinaryOperator.Inclusion,
        "and" or "or" => BinaryOperator.Boolean,
        _ => throw new JsonataException("S0204") { Token = op },
    };

    public string Operator { get; } = op;

    public ExpressionNode Lhs { get; } = lhs;

    public ExpressionNode Rhs { get; } = rhs;

    public override string Type => "binary";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        var lhs = Lhs.Evaluate(input, environment);
        try
        {
            if (_kind == BinaryOperator.Boolean)
            {
                var left = Value.Boolean(lhs) == true;
                var result = Operator == "and"
                    ? left && Value.Boolean(Rhs.Evaluate(input, environment)) == true
                    : left || Value.Boolean(Rhs.Evaluate(input, environment)) == true;
                return Value.Bool(result);
            }
        }
        catch (JsonataException e) when (Locate(e))
        {
            throw; // not reached: Locate only annotates the error on its way up
        }

        var rhs = Rhs.Evaluate(input, environment);
        try
        {
            return _kind switch
            {
                BinaryOperator.Arithmetic => Arithmetic(lhs, rhs) is { } number ? number : null,
                BinaryOperator.Equal => lhs is null || rhs is null ? Value.False : Value.Bool(Value.DeepEquals(lhs, rhs)),
                BinaryOperator.NotEqual => lhs is null || rhs is null ? Value.False : Value.Bool(!Value.DeepEquals(lhs, rhs)),
                BinaryOperator.Comparison => Compare(lhs, rhs),
                BinaryOperator.Concatenation => (lhs is null ? "" : StringFunctions.ToText(lhs)) + (rhs is null ? "" : StringFunctions.ToText(rhs)),
                BinaryOperator.Range => Range(lhs, rhs),
                _ => Includes(lhs, rhs),
            };
        }
        catch (JsonataException e) when (Locate(e))
        {
            throw; // not reached: Locate only annotates the error on its way up
        }
    }

    /// <summary>Names this operator in an error it raised (a filter, so deep recursions unwind in one dispatch).</summary>
    private bool Locate(JsonataException e)
    {
        e.Position = Position;
        e.Token = Operator;
        return false;
    }

    private double? Arithmetic(object? lhs, object? rhs)
    {
        if (lhs is not null && !Value.IsNumeric(lhs))
        {
            throw new JsonataException("T2001") { Value = lhs };
        }

        if (rhs is not null && !Value.IsNumeric(rhs))
        {
            throw new JsonataException("T2002") { Value = rhs };
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        var a = (double)lhs;
        var b = (double)rhs;
        return Operator switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" => a / b,
            _ => a % b,
        };
    }

    private object? Compare(object? lhs, object? rhs)
    {
        var leftComparable = lhs is null or string or double;
        var rightComparable = rhs is null or string or double;
        if (!leftComparable || !rightComparable)
        {
            throw new JsonataException("T2010") { Value = lhs is string or double ? rhs : lhs };
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        int order;
        if (lhs is double a && rhs is double b)
        {
            return Value.Bool(Operator switch
            {
                "<" => a < b,
                "<=" => a <= b,
                ">" => a > b,
                _ => a >= b,
            });
        }

        if (lhs is string x && rhs is string y)
        {
            order = string.CompareOrdinal(x, y);
        }
        else
        {
            throw new JsonataException("T2009") { Value = lhs, Value2 = rhs };
        }

        return Value.Bool(Operator switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        });
    }

    private static JsonataArray? Range(object? lhs, object? rhs)
    {
        if (lhs is not null && !(lhs is double l && JsNumber.IsInteger(l)))
        {
            throw new JsonataException("T2003") { Value = lhs };
        }

        if (rhs is not null && !(rhs is double r && JsNumber.IsInteger(r)))
        {
            throw new JsonataException("T2004") { Value = rhs };
        }

        if (lhs is null || rhs is null)
        {
            return null;
        }

        var from = (double)lhs;
        var to = (double)rhs;
        if (from > to)
        {
            return null;
        }

        var size = to - from + 1;
        if (size > MaxRange)
        {
            throw new JsonataException("D2014") { Value = size };
        }

        var result = new JsonataArray((int)size) { IsSequence = true };
        for (var item = from; item <= to; item++)
        {
            result.Add(item);
        }

        return result;
    }

    private static object Includes(object? lhs, object? rhs)
    {
        if (lhs is null || rhs is null)
        {
            return Value.False;
        }

        if (rhs is JsonataArray array)
        {
            foreach (var item in array)
            {
                if (Value.StrictEquals(item, lhs))
                {
                    return Value.True;
                }
            }

            return Value.False;
        }

        return Value.Bool(Value.StrictEquals(rhs, lhs));
    }
}
