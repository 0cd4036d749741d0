using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>
/// A location path <c>a.b[pred].c</c> (https://docs.jsonata.org/path-operators): each step is evaluated for every
/// item the previous step produced and the results are flattened into one sequence. Steps that bind variables
/// (<c>@$v</c>, <c>#$i</c>, or a later <c>%</c>) switch the path to a stream of tuples carrying those bindings.
/// </summary>
internal sealed partial class PathNode(int position) : ExpressionNode(position)
{
    public List<ExpressionNode> Steps { get; } = [];

    /// <summary>A step ends in <c>[]</c>: the path's result stays an array even with one item.</summary>
    public bool KeepSingletonArray { get; set; }

    public override string Type => "path";

    protected override object? EvaluateCore(object? input, Frame environment)
    {
        object? inputSequence = input is JsonataArray array && Steps[0] is not VariableNode ? array : JsonataArray.Sequence(input);
        object? resultSequence = null;
        var isTupleStream = false;
        JsonataArray? tupleBindings = null;
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Tuple)
            {
                isTupleStream = true;
            }

            if (i == 0 && step.ConsArray)
            {
                resultSequence = step.Evaluate(inputSequence, environment);
            }
            else if (isTupleStream)
            {
                tupleBindings = TupleStep(step, inputSequence as JsonataArray, tupleBindings, environment);
            }
            else
            {
                resultSequence = Step(step, inputSequence as JsonataArray, environment, i == Steps.Count - 1);
            }

            if (!isTupleStream && (resultSequence is null || resultSequence is JsonataArray { Count: 0 }))
            {
                break;
            }

            if (step.Focus is null)
            {
                inputSequence = resultSequence;
            }
        }

        if (isTupleStream)
        {
            resultSequence = Tuple ? tupleBindings : Contexts(tupleBindings);
        }

        return Finish(resultSequence, isTupleStream ? tupleBindings : null, environment);
    }

    /// <summary>The path's own <c>[]</c> and grouping, applied to its result (or to its tuples, which carry the variables).</summary>
    private object? Finish(object? resultSequence, JsonataArray? tupleBindings, Frame environment)
    {
        if (KeepSingletonArray && resultSequence is JsonataArray kept)
        {
            if (kept is { IsConstructed: true, IsSequence: false })
            {
                kept = JsonataArray.Sequence(kept);
                resultSequence = kept;
            }

            if (kept.IsSequence)
            {
                kept.KeepSingleton = true;
            }
        }

        if (Group is not null)
        {
            resultSequence = Grouping.Evaluate(Group, tupleBindings ?? resultSequence, environment);
        }

        return resultSequence;
    }

    private static JsonataArray Contexts(JsonataArray? tuples)
    {
        var result = JsonataArray.Sequence();
        foreach (var tuple in (IEnumerable<object?>?)tuples ?? [])
        {
            result.Add(((TupleBinding)tuple!).Context);
        }

        return result;
    }

    private static object? Step(ExpressionNode step, JsonataArray? input, Frame environment, bool lastStep)
    {
        if (step is SortNode sort)
        {
            var sorted = input is null ? null : Sorting.Evaluate(sort, input, environment);
            return sort.Stages is null ? sorted : ApplyStages(sort.Stages, sorted, environment);
        }

        var results = JsonataArray.Sequence();
        foreach (var item in (IEnumerable<object?>?)input ?? [])
        {
            var result = step.Evaluate(item, environment);
            if (step.Stages is not null)
            {
                foreach (var stage in step.Stages)
                {
                    result = Filter.Apply(stage.Expression!, result, environment);
                }
            }

            if (result is not null)
            {
                results.Add(result);
            }
        }

        if (lastStep && results.Count == 1 && results[0] is JsonataArray { IsSequence: false } single)
        {
            return single;
        }

        var flattened = JsonataArray.Sequence();
        foreach (var result in results)
        {
            if (result is JsonataArray { IsConstructed: false } items)
            {
                flattened.AddRange(items);
            }
            else
            {
                flattened.Add(result);
            }
        }

        return flattened;
    }

    private static object? ApplyStages(List<Stage> stages, object? input, Frame environment)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.IsFilter)
            {
                result = Filter.Apply(stage.Expression!, result, environment);
            }
            else if (result is JsonataArray tuples)
            {
                for (var i = 0; i < tuples.Count; i++)
                {
                    ((TupleBinding)tuples[i]!).Set(stage.IndexVariable!, (double)i);
                }
            }
        }

        return result;
    }
}
