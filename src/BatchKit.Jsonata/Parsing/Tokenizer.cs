using System.Globalization;
using System.Text;

namespace BatchKit.Jsonata.Parsing;

/// <summary>
/// The lexer: hands the parser one token at a time. Whether <c>/</c> starts a regex or divides depends on the
/// parser's position (prefix or infix), as in the reference implementation.
/// </summary>
internal sealed class Tokenizer(string source)
{
    /// <summary>Characters that end a name (the operator table of the reference, with '!' and '~').</summary>
    private const string Operators = ".[]{}(),@#;:?+-*/%|=<>^&!~";

    private const string Whitespace = " \t\n\r\v";

    private static readonly string[] DoubleCharOperators = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"];

    private int _position;

    public static bool IsOperatorChar(char c) => Operators.Contains(c, StringComparison.Ordinal);

    /// <summary>The next token, or null at the end. <paramref name="infix"/>: a '/' here is division, not a regex.</summary>
    public Token? Next(bool infix)
    {
        if (!SkipWhitespaceAndComments())
        {
            return null;
        }

        var current = source[_position];
        if (!infix && current == '/')
        {
            _position++;
            return ScanRegex();
        }

        if (ScanOperator() is { } op)
        {
            return op;
        }

        if (current is '"' or '\'')
        {
            return ScanString(current);
        }

        if (current is >= '0' and <= '9')
        {
            return ScanNumber();
        }

        if (current == '`')
        {
            return ScanQuotedName();
        }

        return ScanName();
    }

    private char At(int index) => index < source.Length ? source[index] : '\0';

    /// <summary>Moves past whitespace and <c>/* comments */</c>; false at the end of the text.</summary>
    private bool SkipWhitespaceAndComments()
    {
        while (true)
        {
            while (_position < source.Length && Whitespace.Contains(source[_position], StringComparison.Ordinal))
            {
                _position++;
            }

            if (_position >= source.Length)
            {
                return false;
            }

            if (source[_position] != '/' || At(_position + 1) != '*')
            {
                return true;
            }

            SkipComment();
        }
    }

    private Token? ScanOperator()
    {
        var current = source[_position];
        foreach (var op in DoubleCharOperators)
        {
            if (current == op[0] && At(_position + 1) == op[1])
            {
                _position += 2;
                return new Token(TokenType.Operator, op, _position);
            }
        }

        if (IsOperatorChar(current))
        {
            _position++;
            return new Token(TokenType.Operator, current.ToString(), _position);
        }

        return null;
    }

    private void SkipComment()
    {
        var start = _position;
        _position += 2;
        while (!(At(_position) == '*' && At(_position + 1) == '/'))
        {
            _position++;
            if (_position >= source.Length)
            {
                throw new JsonataException("S0106") { Position = start };
            }
        }

        _position += 2;
    }

    private Token ScanRegex()
    {
        var start = _position;
        var depth = 0;
        while (_position < source.Length)
        {
            var c = source[_position];
            if (c == '/' && depth == 0 && !IsEscaped(_position))
            {
                var pattern = source[start.._position];
                if (pattern.Length == 0)
                {
                    throw new JsonataException("S0301") { Position = _position };
                }

                _position++;
                var flagsStart = _position;
                while (At(_position) is 'i' or 'm')
                {
                    _position++;
                }

                var flags = source[flagsStart.._position];
                return new Token(TokenType.Regex, new RegexLiteral(pattern, flags, start), _position);
            }

            if (c is '(' or '[' or '{' && At(_position - 1) != '\\')
            {
                depth++;
            }

            if (c is ')' or ']' or '}' && At(_position - 1) != '\\')
            {
                depth--;
            }

            _position++;
        }

        throw new JsonataException("S0302") { Position = _position };
    }

    private bool IsEscaped(int index)
    {
        var backslashes = 0;
        while (index - backslashes - 1 >= 0 && source[index - backslashes - 1] == '\\')
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private Token ScanString(char quote)
    {
        _position++;
        var text = new StringBuilder();
        while (_position < source.Length)
        {
            var c = source[_position];
            if (c == '\\')
            {
                _position++;
                text.Append(Escape(At(_position)));
            }
            else if (c == quote)
            {
                _position++;
                return new Token(TokenType.String, text.ToString(), _position);
            }
            else
            {
                text.Append(c);
            }

            _position++;
        }

        throw new JsonataException("S0101") { Position = _position };
    }

    private string Escape(char c)
    {
        switch (c)
        {
            case '"' or '\\' or '/':
                return c.ToString();
            case 'b':
                return "\b";
            case 'f':
                return "\f";
            case 'n':
                return "\n";
            case 'r':
                return "\r";
            case 't':
                return "\t";
            case 'u':
                var hex = _position + 5 <= source.Length ? source.Substring(_position + 1, 4) : source[(_position + 1)..];
                if (hex.Length > 0 && hex.All(char.IsAsciiHexDigit))
                {
                    _position += hex.Length;
                    return ((char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();
                }

                throw new JsonataException("S0104") { Position = _position };
            default:
                throw new JsonataException("S0103") { Position = _position, Token = c == '\0' ? "" : c.ToString() };
        }
    }

    /// <summary>JSON's number grammar without the sign (a '-' is always an operator here).</summary>
    private Token ScanNumber()
    {
        var start = _position;
        var end = start;
        if (source[end] == '0')
        {
            end++;
        }
        else
        {
            while (end < source.Length && char.IsAsciiDigit(source[end]))
            {
                end++;
            }
        }

        if (At(end) == '.' && char.IsAsciiDigit(At(end + 1)))
        {
            end += 2;
            while (end < source.Length && char.IsAsciiDigit(source[end]))
            {
                end++;
            }
        }

        if (At(end) is 'e' or 'E')
        {
            var exponent = end + 1;
            if (At(exponent) is '+' or '-')
            {
                exponent++;
            }

            if (char.IsAsciiDigit(At(exponent)))
            {
                end = exponent;
                while (end < source.Length && char.IsAsciiDigit(source[end]))
                {
                    end++;
                }
            }
        }

        var text = source[start..end];
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw new JsonataException("S0102") { Position = start, Token = text };
        }

        _position = end;
        return new Token(TokenType.Number, number, _position);
    }

    private Token ScanQuotedName()
    {
        _position++;
        var end = source.IndexOf('`', _position);
        if (end == -1)
        {
            _position = source.Length;
            throw new JsonataException("S0105") { Position = _position };
        }

        var name = source[_position..end];
        _position = end + 1;
        return new Token(TokenType.Name, name, _position);
    }

    private Token? ScanName()
    {
        var start = _position;
        var i = _position;
        while (i < source.Length && !Whitespace.Contains(source[i], StringComparison.Ordinal) && !IsOperatorChar(source[i]))
        {
            i++;
        }

        _position = i;
        if (source[start] == '$')
        {
            return new Token(TokenType.Variable, source[(start + 1)..i], i);
        }

        var name = source[start..i];
        return name switch
        {
            "or" or "in" or "and" => new Token(TokenType.Operator, name, i),
            "true" => new Token(TokenType.Value, true, i),
            "false" => new Token(TokenType.Value, false, i),
            "null" => new Token(TokenType.Value, null, i),
            _ => new Token(TokenType.Name, name, i),
        };
    }
}
