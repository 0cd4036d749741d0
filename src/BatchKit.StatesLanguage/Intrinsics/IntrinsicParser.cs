using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.Intrinsics;

/// <summary>
/// Parses <c>States.Name(arg, ...)</c>: arguments are single-quoted strings (escapes <c>\'</c>, <c>\{</c>, <c>\}</c>,
/// <c>\\</c>), numbers, <c>true</c>/<c>false</c>/<c>null</c>, paths (<c>$.x</c>, <c>$$.x</c>, <c>$var</c>) and nested calls.
/// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
/// </summary>
internal sealed class IntrinsicParser(string text)
{
    /// <summary>
    /// Calls nested deeper than this are refused as a definition error: parsing and evaluating recurse once per
    /// level, and a hostile definition (840 KB of nested calls) must not overflow the stack.
    /// </summary>
    public const int MaxDepth = 64;

    private int _at;
    private int _depth;

    public static IntrinsicExpression.Call Parse(string text)
    {
        var parser = new IntrinsicParser(text);
        var call = parser.Call();
        parser.SkipSpaces();
        return parser._at == text.Length ? call : throw parser.Error($"unexpected text after the call at position {parser._at}");
    }

    private IntrinsicExpression.Call Call()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"calls are nested more than {MaxDepth} deep");
        }

        SkipSpaces();
        var start = _at;
        while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '.'))
        {
            _at++;
        }

        var name = text[start.._at];
        if (!IntrinsicFunctions.IsKnown(name))
        {
            throw Error($"'{name}' is not an intrinsic function");
        }

        SkipSpaces();
        Expect('(');
        var arguments = new List<IntrinsicExpression>();
        SkipSpaces();
        if (!Peek(')'))
        {
            arguments.Add(Argument());
            SkipSpaces();
            while (Peek(','))
            {
                _at++;
                arguments.Add(Argument());
                SkipSpaces();
            }
        }

        Expect(')');
        _depth--;
        return new IntrinsicExpression.Call(name, arguments);
    }

    private IntrinsicExpression Argument()
    {
        SkipSpaces();
        if (Peek('\''))
        {
            return new IntrinsicExpression.Literal(JsonValue.Create(QuotedString()));
        }

        if (Peek('$'))
        {
            var start = _at;
            var depth = 0;
            while (_at < text.Length && (depth > 0 || (text[_at] != ',' && text[_at] != ')')))
            {
                depth += text[_at] switch { '[' or '(' => 1, ']' or ')' => -1, _ => 0 };
                _at++;
            }

            var path = text[start.._at].TrimEnd();
            if (JsonPath.Validate(path) is { } problem)
            {
                throw Error(problem);
            }

            return new IntrinsicExpression.PathReference(path);
        }

        if (string.CompareOrdinal(text, _at, "States.", 0, 7) == 0)
        {
            return Call();
        }

        var tokenStart = _at;
        while (_at < text.Length && text[_at] != ',' && text[_at] != ')' && !char.IsWhiteSpace(text[_at]))
        {
            _at++;
        }

        var token = text[tokenStart.._at];
        return token switch
        {
            "true" => new IntrinsicExpression.Literal(JsonValue.Create(true)),
            "false" => new IntrinsicExpression.Literal(JsonValue.Create(false)),
            "null" => new IntrinsicExpression.Literal(null),
            _ when long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                => new IntrinsicExpression.Literal(JsonValue.Create(l)),
            _ when decimal.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                => new IntrinsicExpression.Literal(JsonValue.Create(d)),
            _ => throw Error($"'{token}' is not a valid argument"),
        };
    }

    private string QuotedString()
    {
        _at++; // '
        var sb = new StringBuilder();
        while (_at < text.Length && text[_at] != '\'')
        {
            if (text[_at] == '\\' && _at + 1 < text.Length && text[_at + 1] is '\'' or '{' or '}' or '\\')
            {
                // Keep \{ and \} escaped: States.Format reads them as literal braces.
                if (text[_at + 1] is '{' or '}')
                {
                    sb.Append('\\');
                }

                _at++;
            }

            sb.Append(text[_at++]);
        }

        Expect('\'');
        return sb.ToString();
    }

    private void SkipSpaces()
    {
        while (_at < text.Length && char.IsWhiteSpace(text[_at]))
        {
            _at++;
        }
    }

    private bool Peek(char c) => _at < text.Length && text[_at] == c;

    private void Expect(char c)
    {
        if (!Peek(c))
        {
            throw Error($"expected '{c}' at position {_at}");
        }

        _at++;
    }

    private FormatException Error(string why) => new($"The value '{Shown(text)}' is not a valid intrinsic function: {why}");

    /// <summary>The expression as an error shows it: a long one is cut, so one bad value cannot make the error megabytes long.</summary>
    private static string Shown(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
