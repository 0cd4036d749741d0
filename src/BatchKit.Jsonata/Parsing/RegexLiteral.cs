using System.Text.RegularExpressions;

namespace BatchKit.Jsonata.Parsing;

/// <summary>
/// A <c>/pattern/flags</c> literal (https://docs.jsonata.org/regex) compiled once. JavaScript's syntax and
/// ECMAScript character classes; flags <c>i</c> and <c>m</c>. Safe to share between threads.
/// </summary>
internal sealed class RegexLiteral
{
    public RegexLiteral(string pattern, string flags, int position)
    {
        Pattern = pattern;
        Flags = flags;
        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        if (flags.Contains('m', StringComparison.Ordinal))
        {
            options |= RegexOptions.Multiline;
        }

        Regex = Create(pattern, options, position);
    }

    public string Pattern { get; }

    public string Flags { get; }

    public Regex Regex { get; }

    private static Regex Create(string pattern, RegexOptions options, int position)
    {
        try
        {
            // ECMAScript mode gives JavaScript's \d \w \s and backreference rules; it refuses some .NET-only syntax
            // (\p{..}), which the default mode then accepts.
            var translated = RegexTranslator.Translate(pattern, options.HasFlag(RegexOptions.Multiline));
            return new Regex(translated, (options & ~RegexOptions.CultureInvariant & ~RegexOptions.Multiline) | RegexOptions.ECMAScript);
        }
        catch (ArgumentException)
        {
            try
            {
                return new Regex(pattern, options);
            }
            catch (ArgumentException e)
            {
                throw new JsonataException("S0303", e.Message) { Position = position, Token = pattern };
            }
        }
    }

    public override string ToString() => "/" + Pattern + "/" + Flags;
}
