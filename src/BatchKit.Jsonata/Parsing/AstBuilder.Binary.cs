using BatchKit.Jsonata.Ast;

namespace BatchKit.Jsonata.Parsing;

/// <summary>The binary forms: paths, predicates, grouping, order-by, binding, <c>@</c>, <c>#</c>, <c>~&gt;</c> and operators.</summary>
internal sealed partial class AstBuilder
{
    private ExpressionNode ProcessBinary(SyntaxNode expr)
    {
        switch (expr.Text)
        {
            case ".":
                return ProcessPath(expr);
            case "[":
                return ProcessPredicate(expr);
            case "{":
                var grouped = Process(expr.Lhs!);
                if (grouped.Group is not null)
                {
                    throw new JsonataException("S0210") { Position = expr.Position };
                }

                grouped.Group = new GroupExpression(
                    [.. expr.Pairs!.Select(p => (Process(p.Key), Process(p.Value)))], expr.Position);
                return grouped;
            case "^":
                return ProcessOrderBy(expr);
            case ":=":
                var bind = new BindNode(expr.Lhs!.Text, Process(expr.Rhs!), expr.Position);
                PushAncestry(bind, bind.ValueExpression);
                return bind;
            case "@":
                return ProcessFocus(expr);
            case "#":
                return ProcessIndex(expr);
            case "~>":
                var lhs = Process(expr.Lhs!);
                var rhs = Process(expr.Rhs!);
                return new ApplyNode(lhs, rhs, expr.Position) { KeepArray = lhs.KeepArray || rhs.KeepArray };
            default:
                var left = Process(expr.Lhs!);
                var right = Process(expr.Rhs!);
                var binary = new BinaryNode(expr.Text, left, right, expr.Position);
                PushAncestry(binary, left);
                PushAncestry(binary, right);
                return binary;
        }
    }

    private PathNode ProcessPath(SyntaxNode expr)
    {
        var first = Process(expr.Lhs!);
        var path = first as PathNode ?? new PathNode(first.Position) { Steps = { first } };
        if (first is ParentNode parent)
        {
            path.SeekingParent = [parent.Slot];
        }

        var rest = Process(expr.Rhs!);
        if (rest is PathNode restPath)
        {
            path.Steps.AddRange(restPath.Steps);
        }
        else
        {
            rest.PredicatesToStages();
            path.Steps.Add(rest);
        }

        for (var i = 0; i < path.Steps.Count; i++)
        {
            var step = path.Steps[i];
            if (step is LiteralNode { Type: "number" or "value" } literal)
            {
                throw new JsonataException("S0213") { Position = literal.Position, Value = literal.Value };
            }

            if (step is LiteralNode { Value: string name } text)
            {
                var named = new NameNode(name, text.Position);
                named.CopyAnnotationsFrom(text);
                path.Steps[i] = named;
            }
        }

        if (path.Steps.Exists(s => s.KeepArray))
        {
            path.KeepSingletonArray = true;
        }

        if (path.Steps[0] is ArrayConstructorNode firstStep)
        {
            firstStep.ConsArray = true;
        }

        if (path.Steps[^1] is ArrayConstructorNode lastStep)
        {
            lastStep.ConsArray = true;
        }

        ResolveAncestry(path);
        return path;
    }

    private ExpressionNode ProcessPredicate(SyntaxNode expr)
    {
        var result = Process(expr.Lhs!);
        var step = result;
        var isStage = false;
        if (result is PathNode path)
        {
            step = path.Steps[^1];
            isStage = true;
        }

        if (step.Group is not null)
        {
            throw new JsonataException("S0209") { Position = expr.Position };
        }

        var predicate = Process(expr.Rhs!);
        if (predicate.SeekingParent is not null)
        {
            foreach (var slot in predicate.SeekingParent)
            {
                if (slot.Level == 1)
                {
                    SeekParent(step, slot);
                }
                else
                {
                    slot.Level--;
                }
            }

            PushAncestry(step, predicate);
        }

        var stage = Stage.Filter(predicate, expr.Position);
        if (isStage)
        {
            (step.Stages ??= []).Add(stage);
        }
        else
        {
            (step.Predicates ??= []).Add(stage);
        }

        return result;
    }

    private PathNode ProcessOrderBy(SyntaxNode expr)
    {
        var result = Process(expr.Lhs!);
        var path = result as PathNode ?? new PathNode(result.Position) { Steps = { result } };
        var sort = new SortNode(expr.Position);
        foreach (var (descending, term) in expr.SortTerms!)
        {
            var expression = Process(term);
            PushAncestry(sort, expression);
            sort.Terms.Add((descending, expression));
        }

        path.Steps.Add(sort);
        ResolveAncestry(path);
        return path;
    }

    private ExpressionNode ProcessFocus(SyntaxNode expr)
    {
        var result = Process(expr.Lhs!);
        var step = result is PathNode path ? path.Steps[^1] : result;
        if (step.Stages is not null || step.Predicates is not null)
        {
            throw new JsonataException("S0215") { Position = expr.Position };
        }

        if (step is SortNode)
        {
            throw new JsonataException("S0216") { Position = expr.Position };
        }

        if (expr.KeepArray)
        {
            step.KeepArray = true;
        }

        step.Focus = expr.Rhs!.Text;
        step.Tuple = true;
        return result;
    }

    private ExpressionNode ProcessIndex(SyntaxNode expr)
    {
        var result = Process(expr.Lhs!);
        var step = result;
        if (result is PathNode path)
        {
            step = path.Steps[^1];
        }
        else
        {
            result = new PathNode(step.Position) { Steps = { step } };
            step.PredicatesToStages();
        }

        if (step.Stages is null)
        {
            step.IndexVariable = expr.Rhs!.Text;
        }
        else
        {
            step.Stages.Add(Stage.Index(expr.Rhs!.Text, expr.Position));
        }

        step.Tuple = true;
        return result;
    }
}
