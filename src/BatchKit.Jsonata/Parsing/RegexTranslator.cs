using System.Text;

namespace BatchKit.Jsonata.Parsing;

/// <summary>
/// Rewrites the few JavaScript regex constructs whose meaning .NET's ECMAScript mode does not share
/// (https://tc39.es/ecma262/#sec-regexp-regular-expression-objects): <c>.</c> stops at every line terminator,
/// <c>$</c> is the very end (not before a final newline), <c>^</c>/<c>$</c> in multiline mode see \r, \u2028 and
/// \u2029 as line ends too, and <c>\s</c> includes the Unicode spaces.
/// </summary>
internal static class RegexTranslator
{
    private const string LineTerminators = @"\n\r\u2028\u2029";
    private const string Spaces = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

    public static string Translate(string pattern, bool multiline)
    {
        var result = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                result.Append(next switch
                {
                    's' => inClass ? Spaces : "[" + Spaces + "]",
                    'S' when !inClass => "[^" + Spaces + "]",
                    _ => "\\" + next,
                });
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
                continue;
            }

            result.Append(c switch
            {
                '[' => "[",
                '.' => "[^" + LineTerminators + "]",
                '$' => multiline ? "(?=[" + LineTerminators + @"]|\z)" : @"\z",
                '^' when multiline => "(?<=[" + LineTerminators + @"]|\A)",
                _ => c.ToString(),
            });
            inClass = c == '[';
        }

        return result.ToString();
    }
}
