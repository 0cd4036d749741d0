namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// STYLE's line limit for C# sources: no line over 160 characters, except the two kinds that cannot be broken without
/// changing what they say: a line that is one string literal and nothing but closing punctuation (a message text, which
/// stays byte-identical), and a comment line that is one URL (a link to the AWS doc the code follows).
/// </summary>
internal static class LongLineRule
{
    public const int MaxLength = 160;

    public static bool IsTooLong(string line) => line.Length > MaxLength && !IsStringLiteralOnly(line) && !IsUrlComment(line);

    /// <summary>A literal (regular or interpolated, optionally continuing a concatenation) followed only by <c>) , ;</c>.</summary>
    public static bool IsStringLiteralOnly(string line)
    {
        var text = line.Trim();
        var start = text.StartsWith("+ ", StringComparison.Ordinal) ? 2 : 0;
        var end = LiteralEnd(text, start);
        return end > 0 && text[end..].All(c => c is ')' or ',' or ';' or ' ');
    }

    public static bool IsUrlComment(string line)
    {
        var text = line.Trim().TrimStart('/').Trim();
        return line.TrimStart().StartsWith("//", StringComparison.Ordinal)
            && text.StartsWith("https://", StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal);
    }

    /// <summary>The index just past the literal that starts at <paramref name="start"/>, or -1 when none starts there.</summary>
    private static int LiteralEnd(string text, int start)
    {
        var i = start;
        var interpolated = false;
        while (i < text.Length && text[i] is '$' or '@')
        {
            interpolated |= text[i] == '$';
            i++;
        }

        if (i >= text.Length || text[i] != '"')
        {
            return -1;
        }

        for (i++; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    return i + 1;
                case '{' when interpolated && i + 1 < text.Length && text[i + 1] == '{':
                    i++;
                    break;
                case '{' when interpolated:
                    i = HoleEnd(text, i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>The index of the brace closing the interpolation hole opened at <paramref name="open"/>, skipping nested literals.</summary>
    private static int HoleEnd(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    var end = LiteralEnd(text, i);
                    if (end < 0)
                    {
                        return -1;
                    }

                    i = end - 1;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }

        return -1;
    }
}
