using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Intrinsics;

/// <summary>A parsed intrinsic-function argument or call.</summary>
internal abstract record IntrinsicExpression
{
    public sealed record Literal(JsonNode? Value) : IntrinsicExpression;

    public sealed record PathReference(string Path) : IntrinsicExpression;

    public sealed record Call(string Name, IReadOnlyList<IntrinsicExpression> Arguments) : IntrinsicExpression;
}
