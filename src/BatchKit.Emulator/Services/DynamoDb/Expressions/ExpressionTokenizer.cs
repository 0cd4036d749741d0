namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// Splits an expression into tokens: names (<c>a</c>, <c>#n</c>), values (<c>:v</c>), list indexes' digits, and the
/// punctuation <c>( ) [ ] , . = &lt;&gt; &lt; &lt;= &gt; &gt;= + -</c>.
/// </summary>
internal static class ExpressionTokenizer
{
    public static List<string> Tokenize(string text, string expression)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '#' or ':')
            {
                var start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else if (c is '<' or '>' && i + 1 < text.Length && (text[i + 1] == '=' || (c == '<' && text[i + 1] == '>')))
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if ("()[],.=<>+-".Contains(c))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                throw DynamoDbErrors.Syntax(expression, $"Syntax error; token: \"{c}\", near: \"{Near(text, i)}\"");
            }
        }

        return tokens;
    }

    private static string Near(string text, int at) => text.Substring(Math.Max(0, at - 5), Math.Min(text.Length, at + 5) - Math.Max(0, at - 5));
}
