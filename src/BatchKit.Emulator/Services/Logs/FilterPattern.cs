using System.Text;

namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// A filter pattern for unstructured log events: every plain term (or "quoted phrase") must appear, at least one of
/// the <c>?term</c> alternatives must when there are any, and no <c>-term</c> may. Terms are case-sensitive; a term
/// holding anything but letters, digits and underscores must be quoted, as CloudWatch Logs requires. JSON patterns
/// (<c>{ $.field = … }</c>), space-delimited patterns (<c>[ip, user, …]</c>) and regular expressions (<c>%…%</c>) are
/// refused with an error naming the form, not taken as terms.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
/// </summary>
internal sealed class FilterPattern
{
    private readonly List<string> _required = [];
    private readonly List<string> _alternatives = [];
    private readonly List<string> _excluded = [];

    private FilterPattern()
    {
    }

    public static FilterPattern All { get; } = new();

    public bool Matches(string message) =>
        _required.TrueForAll(t => message.Contains(t, StringComparison.Ordinal))
        && (_alternatives.Count == 0 || _alternatives.Exists(t => message.Contains(t, StringComparison.Ordinal)))
        && !_excluded.Exists(t => message.Contains(t, StringComparison.Ordinal));

    /// <summary>The pattern, or InvalidParameterException naming what is wrong with it.</summary>
    public static FilterPattern Parse(string? text)
    {
        var pattern = text?.Trim() ?? "";
        if (pattern.Length == 0)
        {
            return All;
        }

        var unsupported = pattern[0] switch
        {
            '{' => "JSON filter patterns ({ $.field = value })",
            '[' => "space-delimited filter patterns ([field, ...])",
            '%' => "regular-expression filter patterns (%regex%)",
            _ => null,
        };
        if (unsupported is not null)
        {
            throw LogsErrors.InvalidParameter($"BatchKit's emulator supports terms, \"quoted phrases\", ?alternatives and -exclusions; not {unsupported}.");
        }

        var parsed = new FilterPattern();
        var position = 0;
        while (NextTerm(pattern, ref position) is var (kind, term))
        {
            (kind switch { '?' => parsed._alternatives, '-' => parsed._excluded, _ => parsed._required }).Add(term);
        }

        return parsed;
    }

    /// <summary>The next term with its prefix (<c>?</c>, <c>-</c> or a space), or null at the end.</summary>
    private static (char Kind, string Term)? NextTerm(string pattern, ref int position)
    {
        while (position < pattern.Length && char.IsWhiteSpace(pattern[position]))
        {
            position++;
        }

        if (position == pattern.Length)
        {
            return null;
        }

        var kind = pattern[position] is '?' or '-' ? pattern[position++] : ' ';
        var term = position < pattern.Length && pattern[position] == '"' ? Quoted(pattern, ref position) : Plain(pattern, ref position);
        return term.Length == 0
            ? throw LogsErrors.InvalidParameter($"Invalid filter pattern '{pattern}': an empty term at position {position}.")
            : (kind, term);
    }

    private static string Quoted(string pattern, ref int position)
    {
        var term = new StringBuilder();
        for (position++; position < pattern.Length; position++)
        {
            var c = pattern[position];
            if (c == '"')
            {
                position++;
                return term.ToString();
            }

            term.Append(c == '\\' && position + 1 < pattern.Length ? pattern[++position] : c);
        }

        throw LogsErrors.InvalidParameter($"Invalid filter pattern '{pattern}': a quoted phrase is not closed.");
    }

    private static string Plain(string pattern, ref int position)
    {
        var start = position;
        while (position < pattern.Length && !char.IsWhiteSpace(pattern[position]))
        {
            position++;
        }

        var term = pattern[start..position];
        return term.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? term
            : throw LogsErrors.InvalidParameter(
                $"Invalid character(s) in term '{term}': quote a term that holds anything but letters, digits and underscores.");
    }
}
