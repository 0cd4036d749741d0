using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>
/// A node of the compiled expression. Every node evaluates through <see cref="Evaluate"/>, which counts depth,
/// applies the node's predicates and grouping, and turns a result sequence of one item into that item
/// (https://docs.jsonata.org/processing#sequences). The step annotations are set while compiling and never after,
/// so one compiled tree serves any number of concurrent evaluations.
/// </summary>
internal abstract class ExpressionNode(int position)
{
    public int Position { get; } = position;

    /// <summary>The reference's node type name (path, binary, name, ...), used by the post-parse rules and errors.</summary>
    public abstract string Type { get; }

    /// <summary>Filters applied to this node's value (a predicate on something that is not a path step).</summary>
    public List<Stage>? Predicates { get; set; }

    /// <summary>Filters and position bindings applied per step when this node is a step of a path.</summary>
    public List<Stage>? Stages { get; set; }

    /// <summary>A grouping <c>{key: value}</c> applied to this node's result.</summary>
    public GroupExpression? Group { get; set; }

    /// <summary>The step ends in <c>[]</c>: a singleton result stays an array.</summary>
    public bool KeepArray { get; set; }

    /// <summary>This step binds variables (focus, position, ancestor), so the path evaluates as a tuple stream.</summary>
    public bool Tuple { get; set; }

    /// <summary>The <c>@$v</c> focus variable this step binds.</summary>
    public string? Focus { get; set; }

    /// <summary>The <c>#$i</c> position variable this step binds.</summary>
    public string? IndexVariable { get; set; }

    /// <summary>The label under which this step records its context for a later parent operator <c>%</c>.</summary>
    public AncestorSlot? Ancestor { get; set; }

    /// <summary>An array constructor that is the first or last step of a path.</summary>
    public bool ConsArray { get; set; }

    /// <summary>While compiling: parent operators inside this node still looking for the step they refer to.</summary>
    public List<AncestorSlot>? SeekingParent { get; set; }

    public object? Evaluate(object? input, Frame environment)
    {
        var context = environment.Context;
        context.Enter(environment);
        var result = EvaluateCore(input, environment);
        if (Predicates is not null)
        {
            foreach (var predicate in Predicates)
            {
                result = Filter.Apply(predicate.Expression!, result, environment);
            }
        }

        if (Group is not null && this is not PathNode)
        {
            result = Grouping.Evaluate(Group, result, environment);
        }

        context.Exit(environment);
        return Normalise(result);
    }

    protected abstract object? EvaluateCore(object? input, Frame environment);

    private object? Normalise(object? result)
    {
        if (result is not JsonataArray { IsSequence: true, IsTupleStream: false } sequence)
        {
            return result;
        }

        if (KeepArray)
        {
            sequence.KeepSingleton = true;
        }

        return sequence.Count switch
        {
            0 => null,
            1 => sequence.KeepSingleton ? sequence : sequence[0],
            _ => sequence,
        };
    }

    /// <summary>Moves predicates to stages: the node has become a step of a path.</summary>
    public void PredicatesToStages()
    {
        if (Predicates is not null)
        {
            Stages = Predicates;
            Predicates = null;
        }
    }

    public void CopyAnnotationsFrom(ExpressionNode other)
    {
        Predicates = other.Predicates;
        Stages = other.Stages;
        Group = other.Group;
        KeepArray = other.KeepArray;
        Tuple = other.Tuple;
        Focus = other.Focus;
        IndexVariable = other.IndexVariable;
        Ancestor = other.Ancestor;
        ConsArray = other.ConsArray;
        SeekingParent = other.SeekingParent;
    }
}
