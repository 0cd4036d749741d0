namespace BatchKit.Jsonata.Ast;

/// <summary>
/// The key/value pairs of an object constructor or a grouping <c>path{key: value}</c>
/// (https://docs.jsonata.org/sorting-grouping#grouping).
/// </summary>
internal sealed class GroupExpression(IReadOnlyList<(ExpressionNode Key, ExpressionNode Value)> pairs, int position)
{
    public IReadOnlyList<(ExpressionNode Key, ExpressionNode Value)> Pairs { get; } = pairs;

    public int Position { get; } = position;
}
