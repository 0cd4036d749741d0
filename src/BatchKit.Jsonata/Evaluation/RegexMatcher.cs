using BatchKit.Jsonata.Parsing;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// The function a regex literal evaluates to. Called with a string it returns the first match as an object
/// {match, start, end, groups, next}; the string functions use <see cref="FirstMatch"/> directly. As in the
/// reference, a later match of the empty string is an error (D1004) because it would never advance.
/// </summary>
internal sealed class RegexMatcher(RegexLiteral regex, int position) : JsonataFunction
{
    public RegexLiteral Regex { get; } = regex;

    public override int Arity => 2;

    public RegexMatch? FirstMatch(string text) => MatchFrom(text, 0);

    private RegexMatch? MatchFrom(string text, int start)
    {
        var match = Regex.Regex.Match(text, start);
        if (!match.Success)
        {
            return null;
        }

        var groups = new JsonataArray(match.Groups.Count - 1);
        for (var i = 1; i < match.Groups.Count; i++)
        {
            groups.Add(match.Groups[i].Success ? match.Groups[i].Value : null);
        }

        var end = match.Index + match.Length;
        return new RegexMatch(match.Value, match.Index, end, groups, () => NextAfter(text, end));
    }

    private RegexMatch? NextAfter(string text, int lastIndex)
    {
        if (lastIndex >= text.Length)
        {
            return null;
        }

        var next = MatchFrom(text, lastIndex);
        if (next is { Match.Length: 0 })
        {
            throw new JsonataException("D1004") { Position = position, Value = Regex.Pattern };
        }

        return next;
    }

    /// <summary>Calling the regex as a function: <c>/ab/("cab")</c>.</summary>
    public object? Invoke(object?[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        var text = JsString(args[0]); // RegExp.exec converts its argument to a string
        var from = args.Length > 1 && args[1] is double d ? (int)d : 0;
        return from >= 0 && from <= text.Length ? ToObject(MatchFrom(text, from)) : null;
    }

    /// <summary>JavaScript's String(value).</summary>
    private static string JsString(object? value) => value switch
    {
        null => "undefined",
        string s => s,
        double d => JsNumber.ToString(d),
        bool b => b ? "true" : "false",
        JsonNull => "null",
        JsonataArray array => string.Join(",", array.Select(v => v is null or JsonNull ? "" : JsString(v))),
        _ => "[object Object]",
    };

    public static JsonataObject? ToObject(RegexMatch? match)
    {
        if (match is null)
        {
            return null;
        }

        return new JsonataObject
        {
            ["match"] = match.Match,
            ["start"] = (double)match.Start,
            ["end"] = (double)match.End,
            ["groups"] = match.Groups,
            ["next"] = new NativeFunction("next", (Signature?)null, 0, (_, _) => ToObject(match.Next())),
        };
    }
}
