using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>The tuple-stream form of a path step: each output item carries the variables bound so far.</summary>
internal sealed partial class PathNode
{
    private static JsonataArray? TupleStep(ExpressionNode step, JsonataArray? input, JsonataArray? tupleBindings, Frame environment)
    {
        if (step is SortNode sort)
        {
            return SortTuples(sort, input, tupleBindings, environment);
        }

        var result = new JsonataArray { IsSequence = true, IsTupleStream = true };
        tupleBindings ??= ToTuples(input);
        foreach (var item in tupleBindings)
        {
            var tuple = (TupleBinding)item!;
            var scope = FunctionApplication.FrameFromTuple(environment, tuple);
            var value = step.Evaluate(tuple.Context, scope);
            if (value is null)
            {
                continue;
            }

            var values = value as JsonataArray ?? [value];
            for (var j = 0; j < values.Count; j++)
            {
                result.Add(Extend(step, tuple, values, j));
            }
        }

        return step.Stages is null ? result : (JsonataArray?)ApplyStages(step.Stages, result, environment);
    }

    private static TupleBinding Extend(ExpressionNode step, TupleBinding tuple, JsonataArray values, int j)
    {
        var next = tuple.Copy();
        if (values.IsTupleStream)
        {
            next.CopyFrom((TupleBinding)values[j]!);
            return next;
        }

        if (step.Focus is not null)
        {
            next.Set(step.Focus, values[j]);
            next.Context = tuple.Context;
        }
        else
        {
            next.Context = values[j];
        }

        if (step.IndexVariable is not null)
        {
            next.Set(step.IndexVariable, (double)j);
        }

        if (step.Ancestor is not null)
        {
            next.Set(step.Ancestor.Label, tuple.Context);
        }

        return next;
    }

    private static JsonataArray? SortTuples(SortNode sort, JsonataArray? input, JsonataArray? tupleBindings, Frame environment)
    {
        object? result;
        if (tupleBindings is not null)
        {
            result = Sorting.Evaluate(sort, tupleBindings, environment);
        }
        else
        {
            var sorted = input is null ? [] : Sorting.Evaluate(sort, input, environment) as JsonataArray ?? [];
            var tuples = new JsonataArray { IsSequence = true, IsTupleStream = true };
            for (var i = 0; i < sorted.Count; i++)
            {
                var tuple = new TupleBinding(sorted[i]);
                if (sort.IndexVariable is not null)
                {
                    tuple.Set(sort.IndexVariable, (double)i);
                }

                tuples.Add(tuple);
            }

            result = tuples;
        }

        if (sort.Stages is not null)
        {
            result = ApplyStages(sort.Stages, result, environment);
        }

        return result as JsonataArray;
    }

    private static JsonataArray ToTuples(JsonataArray? input)
    {
        var tuples = new JsonataArray();
        foreach (var item in (IEnumerable<object?>?)input ?? [])
        {
            tuples.Add(new TupleBinding(item));
        }

        return tuples;
    }
}
