using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Parsing;

namespace BatchKit.Jsonata.Ast;

/// <summary>A regex literal: evaluates to a matcher function (https://docs.jsonata.org/regex).</summary>
internal sealed class RegexNode(RegexLiteral regex, int position) : ExpressionNode(position)
{
    private readonly RegexMatcher _matcher = new(regex, position);

    public RegexLiteral Regex { get; } = regex;

    public override string Type => "regex";

    protected override object? EvaluateCore(object? input, Frame environment) => _matcher;
}
