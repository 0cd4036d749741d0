using BatchKit.Jsonata.Ast;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Parsing;

/// <summary>
/// The post-parse step of the reference implementation: flattens <c>.</c> chains into paths of steps, attaches
/// predicates, grouping, order-by and variable bindings to steps, marks tail calls, and works out which step each
/// parent operator <c>%</c> refers to. Produces the compiled tree the evaluator runs.
/// </summary>
internal sealed partial class AstBuilder
{
    private readonly List<ParentNode> _ancestry = [];
    private int _ancestorLabel;
    private int _ancestorIndex;

    public static ExpressionNode Build(SyntaxNode root)
    {
        var expression = new AstBuilder().Process(root);
        if (expression is ParentNode || expression.SeekingParent is not null)
        {
            throw new JsonataException("S0217") { Token = expression.Type, Position = expression.Position };
        }

        return expression;
    }

    private ExpressionNode Process(SyntaxNode expr)
    {
        StackGuard.Ensure();
        ExpressionNode result = expr.Type switch
        {
            "binary" => ProcessBinary(expr),
            "unary" => ProcessUnary(expr),
            "function" or "partial" => ProcessCall(expr),
            "lambda" => new LambdaNode([.. expr.Arguments!.Select(a => a.Text)], expr.Signature,
                TailCallOptimize(Process(expr.Body!)), isThunk: false, expr.Position),
            "condition" => ProcessCondition(expr),
            "transform" => new TransformNode(Process(expr.Pattern!), Process(expr.Update!),
                expr.Delete is null ? null : Process(expr.Delete), expr.Position),
            "block" => ProcessBlock(expr),
            "name" => NamePath(expr),
            "parent" => NewParent(expr),
            "string" or "number" or "value" => new LiteralNode(expr.Type, expr.Value!, expr.Position),
            "wildcard" => new WildcardNode(expr.Position),
            "descendant" => new DescendantNode(expr.Position),
            "variable" => new VariableNode(expr.Text, expr.Position),
            "regex" => new RegexNode((RegexLiteral)expr.Value!, expr.Position),
            "operator" => ProcessOperator(expr),
            _ => throw new JsonataException(expr.Id == "(end)" ? "S0207" : "S0206") { Position = expr.Position, Token = expr.Text },
        };
        if (expr.KeepArray)
        {
            result.KeepArray = true;
        }

        return result;
    }

    private static PathNode NamePath(SyntaxNode expr)
    {
        var path = new PathNode(expr.Position);
        path.Steps.Add(new NameNode(expr.Text, expr.Position) { KeepArray = expr.KeepArray });
        path.KeepSingletonArray = expr.KeepArray;
        return path;
    }

    private ParentNode NewParent(SyntaxNode expr)
    {
        var parent = new ParentNode(new AncestorSlot("!" + _ancestorLabel++, 1, _ancestorIndex++), expr.Position);
        _ancestry.Add(parent);
        return parent;
    }

    private static ExpressionNode ProcessOperator(SyntaxNode expr)
    {
        // 'and', 'or' and 'in' can be field names; '?' is a partial application's placeholder
        if (expr.Text is "and" or "or" or "in")
        {
            return NamePath(expr);
        }

        if (expr.Text == "?")
        {
            return new PlaceholderNode(expr.Position);
        }

        throw new JsonataException("S0201") { Position = expr.Position, Token = expr.Text };
    }

    private ExpressionNode ProcessUnary(SyntaxNode expr)
    {
        switch (expr.Text)
        {
            case "[":
                var array = new ArrayConstructorNode([], expr.Position);
                foreach (var item in expr.Expressions!)
                {
                    var value = Process(item);
                    PushAncestry(array, value);
                    array.Expressions.Add(value);
                }

                return array;
            case "{":
                var pairs = new List<(ExpressionNode, ExpressionNode)>();
                var holder = new ObjectConstructorNode(new GroupExpression(pairs, expr.Position), expr.Position);
                foreach (var (key, value) in expr.Pairs!)
                {
                    var keyNode = Process(key);
                    PushAncestry(holder, keyNode);
                    var valueNode = Process(value);
                    PushAncestry(holder, valueNode);
                    pairs.Add((keyNode, valueNode));
                }

                return holder;
            default:
                var operand = Process(expr.Expression!);
                if (operand is LiteralNode { Value: double number } literal)
                {
                    var negated = new LiteralNode("number", -number, literal.Position);
                    negated.CopyAnnotationsFrom(literal);
                    return negated;
                }

                var minus = new UnaryMinusNode(operand, expr.Position);
                PushAncestry(minus, operand);
                return minus;
        }
    }

    private ExpressionNode ProcessCall(SyntaxNode expr)
    {
        var arguments = new List<ExpressionNode>();
        var procedure = Process(expr.Procedure!);
        ExpressionNode call = expr.Type == "partial"
            ? new PartialApplicationNode(procedure, arguments, expr.Position)
            : new FunctionCallNode(procedure, arguments, expr.Position);
        foreach (var argument in expr.Arguments!)
        {
            var node = Process(argument);
            PushAncestry(call, node);
            arguments.Add(node);
        }

        return call;
    }

    private ConditionNode ProcessCondition(SyntaxNode expr)
    {
        var condition = Process(expr.Condition!);
        var then = Process(expr.Then!);
        var otherwise = expr.Else is null ? null : Process(expr.Else);
        var result = new ConditionNode(condition, then, otherwise, expr.Position);
        PushAncestry(result, condition);
        PushAncestry(result, then);
        if (otherwise is not null)
        {
            PushAncestry(result, otherwise);
        }

        return result;
    }

    private BlockNode ProcessBlock(SyntaxNode expr)
    {
        var block = new BlockNode([], expr.Position);
        foreach (var item in expr.Expressions!)
        {
            var part = Process(item);
            PushAncestry(block, part);
            if (part.ConsArray || (part is PathNode path && path.Steps[0].ConsArray))
            {
                block.ConsArray = true;
            }

            block.Expressions.Add(part);
        }

        return block;
    }

    /// <summary>A call in tail position becomes a thunk the trampoline runs, so tail recursion does not grow the stack.</summary>
    private static ExpressionNode TailCallOptimize(ExpressionNode expr)
    {
        switch (expr)
        {
            case FunctionCallNode { Predicates: null } call:
                return new LambdaNode([], null, call, isThunk: true, call.Position);
            case ConditionNode condition:
                condition.Then = TailCallOptimize(condition.Then);
                if (condition.Else is not null)
                {
                    condition.Else = TailCallOptimize(condition.Else);
                }

                return condition;
            case BlockNode { Expressions.Count: > 0 } block:
                block.Expressions[^1] = TailCallOptimize(block.Expressions[^1]);
                return block;
            default:
                return expr;
        }
    }
}
