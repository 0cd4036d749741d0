using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Parsing;

/// <summary>
/// Top-down operator precedence (Pratt) parser over the tokenizer, with the binding powers and the nud/led rules of
/// the reference implementation's parser. Nesting is bounded (S0218) so no expression can exhaust the stack.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Deeper than any expression a person writes; shallow enough for every later recursive walk.</summary>
    public const int MaxNesting = 1000;

    private static readonly Dictionary<string, int> BindingPowers = new(StringComparer.Ordinal)
    {
        ["."] = 75, ["["] = 80, ["{"] = 70, ["("] = 80, ["@"] = 80, ["#"] = 80, ["?"] = 20,
        ["+"] = 50, ["-"] = 50, ["*"] = 60, ["/"] = 60, ["%"] = 60, ["="] = 40, ["<"] = 40, [">"] = 40, ["^"] = 40,
        [":="] = 10, ["!="] = 40, ["<="] = 40, [">="] = 40, ["~>"] = 40, ["?:"] = 40, ["??"] = 40,
        ["and"] = 30, ["or"] = 25, ["in"] = 40, ["&"] = 50,
        [":"] = 0, [";"] = 0, [","] = 0, [")"] = 0, ["]"] = 0, ["}"] = 0, [".."] = 0, ["**"] = 0, ["|"] = 0,
    };

    private readonly string _source;
    private readonly Tokenizer _tokenizer;
    private SyntaxNode _node = null!;
    private int _depth;

    private Parser(string source)
    {
        _source = source;
        _tokenizer = new Tokenizer(source);
    }

    public static SyntaxNode Parse(string source)
    {
        var parser = new Parser(source);
        parser.Advance();
        var expression = parser.Expression(0);
        if (parser._node.Id != "(end)")
        {
            throw new JsonataException("S0201") { Position = parser._node.Position, Token = Describe(parser._node) };
        }

        return expression;
    }

    private static int LeftBindingPower(SyntaxNode node) => BindingPowers.GetValueOrDefault(node.Id);

    private static string? Describe(SyntaxNode node) => node.Value switch
    {
        null => null,
        string s => s,
        double d => JsNumber.ToString(d),
        bool b => b ? "true" : "false",
        _ => node.Value.ToString(),
    };

    private SyntaxNode Advance(string? id = null, bool infix = false)
    {
        if (id is not null && _node.Id != id)
        {
            var code = _node.Id == "(end)" ? "S0203" : "S0202";
            throw new JsonataException(code) { Position = _node.Position, Token = Describe(_node), Value = id };
        }

        var token = _tokenizer.Next(infix);
        if (token is null)
        {
            _node = new SyntaxNode("(end)", "(end)", null, _source.Length);
            return _node;
        }

        var symbol = token.Type switch
        {
            TokenType.Name or TokenType.Variable => "(name)",
            TokenType.String or TokenType.Number or TokenType.Value => "(literal)",
            TokenType.Regex => "(regex)",
            _ => BindingPowers.ContainsKey(token.Text) || token.Text is "and" or "or" or "in"
                ? token.Text
                : throw new JsonataException("S0204") { Position = token.Position, Token = token.Text },
        };
        var type = token.Type switch
        {
            TokenType.Name => "name",
            TokenType.Variable => "variable",
            TokenType.String => "string",
            TokenType.Number => "number",
            TokenType.Value => "value",
            TokenType.Regex => "regex",
            _ => "operator",
        };
        var value = token.Type == TokenType.Value && token.Value is null ? JsonNull.Value : token.Value;
        _node = new SyntaxNode(symbol, type, value, token.Position);
        return _node;
    }

    private SyntaxNode Expression(int rightBindingPower)
    {
        StackGuard.Ensure();
        if (++_depth > MaxNesting)
        {
            throw new JsonataException("S0218") { Position = _node.Position, Value = (double)MaxNesting };
        }

        var t = _node;
        Advance(infix: true);
        var left = Checked(Nud(t));
        while (rightBindingPower < LeftBindingPower(_node))
        {
            t = _node;
            Advance();
            left = Checked(Led(t, left));
        }

        _depth--;
        return left;
    }

    /// <summary>Records the subtree's height and refuses one taller than <see cref="MaxNesting"/> (left-deep chains too).</summary>
    private static SyntaxNode Checked(SyntaxNode node)
    {
        var height = 0;
        foreach (var child in node.Children())
        {
            if (child.Height == 0 && !ReferenceEquals(child, node))
            {
                Checked(child);
            }

            height = Math.Max(height, child.Height);
        }

        node.Height = height + 1;
        if (node.Height > MaxNesting)
        {
            throw new JsonataException("S0218") { Position = node.Position, Value = (double)MaxNesting };
        }

        return node;
    }
}
