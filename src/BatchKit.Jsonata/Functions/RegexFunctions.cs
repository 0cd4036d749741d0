using System.Text;
using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// $contains, $match, $replace and $split with a string or a matcher: a regex literal, or any function that
/// returns {match, start, end, groups, next} objects (https://docs.jsonata.org/regex).
/// </summary>
internal static class RegexFunctions
{
    public static object? Contains(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text || Arg(args, 1) is not { } token)
        {
            return null;
        }

        if (token is string substring)
        {
            return Value.Bool(text.Contains(substring, StringComparison.Ordinal));
        }

        return Value.Bool(FirstMatch(token, text, call) is not null);
    }

    public static object? Match(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var limit = Arg(args, 2) as double?;
        if (limit < 0)
        {
            throw new JsonataException("D3040") { Value = limit, Index = 3 };
        }

        var result = JsonataArray.Sequence();
        if (limit is null or > 0)
        {
            var count = 0;
            for (var match = FirstMatch(Arg(args, 1), text, call); match is not null && (limit is null || count < limit); count++)
            {
                result.Add(new JsonataObject { ["match"] = match.Match, ["index"] = (double)match.Start, ["groups"] = match.Groups });
                match = match.Next();
            }
        }

        return result;
    }

    public static object? Split(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var limit = Arg(args, 2) as double?;
        if (limit < 0)
        {
            throw new JsonataException("D3020") { Value = limit, Index = 3 };
        }

        var result = new JsonataArray();
        if (limit is not (null or > 0))
        {
            return result;
        }

        if (Arg(args, 1) is string separator)
        {
            return SplitString(text, separator, limit);
        }

        var count = 0;
        var match = FirstMatch(Arg(args, 1), text, call);
        if (match is null)
        {
            result.Add(text);
            return result;
        }

        var start = 0;
        for (; match is not null && (limit is null || count < limit); count++)
        {
            result.Add(text[start..match.Start]);
            start = match.End;
            match = match.Next();
        }

        if (limit is null || count < limit)
        {
            result.Add(text[start..]);
        }

        return result;
    }

    /// <summary>String.prototype.split(separator, limit): an empty separator splits into UTF-16 units.</summary>
    private static JsonataArray SplitString(string text, string separator, double? limit)
    {
        var max = limit is { } l ? (long)Math.Min(Math.Truncate(l), uint.MaxValue) : uint.MaxValue;
        var result = new JsonataArray();
        if (max == 0)
        {
            return result;
        }

        if (separator.Length == 0)
        {
            for (var i = 0; i < text.Length && result.Count < max; i++)
            {
                result.Add(text[i].ToString());
            }

            return result;
        }

        var position = 0;
        while (result.Count < max)
        {
            var index = text.IndexOf(separator, position, StringComparison.Ordinal);
            if (index < 0)
            {
                result.Add(text[position..]);
                break;
            }

            result.Add(text[position..index]);
            position = index + separator.Length;
        }

        return result;
    }

    public static object? Replace(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var pattern = Arg(args, 1);
        if (pattern is "")
        {
            throw new JsonataException("D3010") { Value = pattern, Index = 2 };
        }

        var limit = Arg(args, 3) as double?;
        if (limit < 0)
        {
            throw new JsonataException("D3011") { Value = limit, Index = 4 };
        }

        if (limit is not (null or > 0))
        {
            return text;
        }

        var replacement = Arg(args, 2);
        return pattern is string literal
            ? ReplaceString(text, literal, replacement, limit)
            : ReplaceMatches(text, pattern, replacement, limit, call);
    }

    private static string ReplaceString(string text, string pattern, object? replacement, double? limit)
    {
        var insert = replacement as string ?? (replacement is null ? "undefined" : "");
        var result = new StringBuilder();
        var position = 0;
        var count = 0;
        var index = text.IndexOf(pattern, StringComparison.Ordinal);
        while (index != -1 && (limit is null || count < limit))
        {
            result.Append(text, position, index - position).Append(insert);
            position = index + pattern.Length;
            count++;
            index = text.IndexOf(pattern, position, StringComparison.Ordinal);
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    private static string ReplaceMatches(string text, object? pattern, object? replacement, double? limit, NativeCall call)
    {
        var match = FirstMatch(pattern, text, call);
        if (match is null)
        {
            return text;
        }

        var result = new StringBuilder();
        var position = 0;
        for (var count = 0; match is not null && (limit is null || count < limit); count++)
        {
            result.Append(text, position, match.Start - position);
            var substitute = replacement is string template
                ? Substitute(template, match)
                : FunctionApplication.Apply(replacement, [RegexMatcher.ToObject(match)], null, call.Environment);
            if (substitute is not string s)
            {
                throw new JsonataException("D3012") { Value = substitute };
            }

            result.Append(s);
            position = match.Start + match.Match.Length;
            match = match.Next();
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>The replacement string: $0 is the match, $1.. the groups (as many digits as make a group), $$ a dollar.</summary>
    private static string Substitute(string replacement, RegexMatch match)
    {
        var substitute = new StringBuilder();
        var groups = match.Groups;
        var position = 0;
        var index = replacement.IndexOf('$', position);
        while (index != -1 && position < replacement.Length)
        {
            substitute.Append(replacement, position, index - position);
            position = index + 1;
            var dollar = position < replacement.Length ? replacement[position] : '\0';
            if (dollar == '$')
            {
                substitute.Append('$');
                position++;
            }
            else if (dollar == '0')
            {
                substitute.Append(match.Match);
                position++;
            }
            else
            {
                var maxDigits = groups.Count == 0 ? 1 : (int)Math.Floor(Math.Log(groups.Count) * 0.4342944819032518) + 1;
                var group = ParseInt(Sub(replacement, position, maxDigits));
                if (maxDigits > 1 && group > groups.Count)
                {
                    group = ParseInt(Sub(replacement, position, maxDigits - 1));
                }

                if (group is { } g)
                {
                    if (groups.Count > 0 && g - 1 >= 0 && g - 1 < groups.Count && groups[(int)g - 1] is string submatch)
                    {
                        substitute.Append(submatch);
                    }

                    position += g.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    substitute.Append('$');
                }
            }

            index = replacement.IndexOf('$', position);
        }

        return substitute.Append(replacement, position, replacement.Length - position).ToString();
    }

    private static string Sub(string text, int start, int length) =>
        start >= text.Length ? "" : text.Substring(start, Math.Min(length, text.Length - start));

    /// <summary>parseInt(text, 10): leading whitespace and sign, then digits; null when there are none (NaN).</summary>
    private static long? ParseInt(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var start = i;
        long value = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        return i == start ? null : negative ? -value : value;
    }

    /// <summary>The first match of a regex literal or of a custom matcher function (T1010 if it answers the wrong shape).</summary>
    public static RegexMatch? FirstMatch(object? matcher, string text, NativeCall call)
    {
        if (matcher is RegexMatcher regex)
        {
            return regex.FirstMatch(text);
        }

        return FromObject(FunctionApplication.Apply(matcher, [text], null, call.Environment), call);
    }

    private static RegexMatch? FromObject(object? result, NativeCall call)
    {
        if (result is null)
        {
            return null;
        }

        if (!Value.IsTruthy(result))
        {
            return new RegexMatch("", 0, 0, [], () => null); // defined but falsy: the reference takes it as a match without checking
        }

        var obj = result as JsonataObject;
        var start = obj?["start"];
        var groups = obj?["groups"];
        var next = obj?["next"];
        if (obj is null || !(start is double || groups is JsonataArray || next is JsonataFunction))
        {
            throw new JsonataException("T1010");
        }

        var match = obj["match"] as string ?? "";
        var from = start is double s ? (int)s : 0;
        var end = obj["end"] is double e ? (int)e : from + match.Length;
        return new RegexMatch(match, from, end, groups as JsonataArray ?? [],
            () => next is null ? null : FromObject(FunctionApplication.Apply(next, [], null, call.Environment), call));
    }
}
