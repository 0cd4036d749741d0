using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// One match of a matcher function (https://docs.jsonata.org/regex): the matched text, where it starts and ends,
/// the captured groups (undefined for a group that did not take part), and how to find the next match.
/// </summary>
internal sealed class RegexMatch(string match, int start, int end, JsonataArray groups, Func<RegexMatch?> next)
{
    public string Match { get; } = match;

    public int Start { get; } = start;

    public int End { get; } = end;

    public JsonataArray Groups { get; } = groups;

    /// <summary>The following match, or null when there is none.</summary>
    public RegexMatch? Next() => next();
}
