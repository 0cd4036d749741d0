using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Ast;

/// <summary>
/// <c>| pattern | update, delete |</c>: a function that copies its argument (with $clone), then merges the update
/// object into every match of the pattern and removes the named fields (https://docs.jsonata.org/other-operators#-transform).
/// </summary>
internal sealed class TransformNode(ExpressionNode pattern, ExpressionNode update, ExpressionNode? delete, int position)
    : ExpressionNode(position)
{
    private static readonly Signature TransformSignature = Signature.Parse("<(oa):o>");

    public ExpressionNode Pattern { get; } = pattern;

    public ExpressionNode Update { get; } = update;

    public ExpressionNode? Delete { get; } = delete;

    public override string Type => "transform";

    protected override object? EvaluateCore(object? input, Frame environment) =>
        new NativeFunction("transform", TransformSignature, 1, (_, args) => Transform(args.Length > 0 ? args[0] : null, environment));

    private object? Transform(object? value, Frame environment)
    {
        if (value is null)
        {
            return null;
        }

        if (environment.Lookup("clone") is not JsonataFunction clone)
        {
            throw new JsonataException("T2013") { Position = Position };
        }

        var result = FunctionApplication.Apply(clone, [value], null, environment);
        var matches = Pattern.Evaluate(result, environment);
        if (matches is null)
        {
            return result;
        }

        foreach (var match in matches as JsonataArray ?? [matches])
        {
            ApplyUpdate(match, environment);
            ApplyDelete(match, environment);
        }

        return result;
    }

    private void ApplyUpdate(object? match, Frame environment)
    {
        var update = Update.Evaluate(match, environment);
        if (update is null)
        {
            return;
        }

        if (update is not JsonataObject fields)
        {
            throw new JsonataException("T2011") { Position = Update.Position, Value = update };
        }

        if (match is JsonataObject target)
        {
            foreach (var (key, item) in fields.Entries)
            {
                target[key] = item;
            }
        }
    }

    private void ApplyDelete(object? match, Frame environment)
    {
        if (Delete is null)
        {
            return;
        }

        var deletions = Delete.Evaluate(match, environment);
        if (deletions is null)
        {
            return;
        }

        var names = deletions as JsonataArray ?? [deletions];
        if (!Value.IsArrayOfStrings(names))
        {
            throw new JsonataException("T2012") { Position = Delete.Position, Value = deletions };
        }

        if (match is JsonataObject target)
        {
            foreach (var name in names)
            {
                target.Remove((string)name!);
            }
        }
    }
}
