using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>Document paths and the token cursor.</summary>
internal sealed partial class ExpressionParser
{
    private DocumentPath Path()
    {
        var elements = new List<object> { Name() };
        while (true)
        {
            if (Accept("."))
            {
                elements.Add(Name());
            }
            else if (Accept("["))
            {
                var index = Next();
                elements.Add(int.TryParse(index, System.Globalization.NumberStyles.None, null, out var n) ? n : throw Error(index));
                Expect("]");
            }
            else
            {
                return new DocumentPath(elements);
            }
        }
    }

    /// <summary>
    /// An attribute name, literal or <c>#placeholder</c>. A literal must not be a reserved word.
    /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
    /// </summary>
    private string Name()
    {
        var token = Next();
        if (token.StartsWith('#'))
        {
            return _attributes.Name(token);
        }

        if (token.StartsWith(':') || !(char.IsLetter(token[0]) || token[0] == '_'))
        {
            throw Error(token);
        }

        return ReservedWords.Contains(token)
            ? throw DynamoDbErrors.Syntax(_expression, $"Attribute name is a reserved keyword; reserved keyword: {token}")
            : token;
    }

    private string? Peek(int ahead = 0) => _at + ahead < _tokens.Count ? _tokens[_at + ahead] : null;

    private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw DynamoDbErrors.Syntax(_expression,
        "Syntax error; token: <EOF>, near: end of the expression");

    private bool Accept(string token)
    {
        if (Peek() != token)
        {
            return false;
        }

        _at++;
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (Peek() is not { } token || !token.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _at++;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw Error(Peek() ?? "<EOF>");
        }
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            throw Error(Peek() ?? "<EOF>");
        }
    }

    private void End()
    {
        if (Peek() is { } extra)
        {
            throw Error(extra);
        }
    }

    private ServiceErrorException Error(string token)
    {
        var near = string.Join(" ", _tokens.Skip(Math.Max(0, _at - 2)).Take(3));
        return DynamoDbErrors.Syntax(_expression, $"Syntax error; token: \"{token}\", near: \"{near}\"");
    }
}
