using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Parsing;

/// <summary>The prefix (nud) and infix (led) rule of every symbol (https://docs.jsonata.org/programming).</summary>
internal sealed partial class Parser
{
    private SyntaxNode Nud(SyntaxNode t)
    {
        switch (t.Id)
        {
            case "(end)" or "(name)" or "(literal)" or "(regex)" or "and" or "or" or "in":
                return t;
            case "-":
                t.Expression = Expression(70);
                t.Type = "unary";
                return t;
            case "*":
                t.Type = "wildcard";
                return t;
            case "**":
                t.Type = "descendant";
                return t;
            case "%":
                t.Type = "parent";
                return t;
            case "(":
                return Block(t);
            case "[":
                return ArrayConstructor(t);
            case "{":
                return ObjectConstructor(t, null);
            case "|":
                return Transform(t);
            default:
                throw new JsonataException("S0211") { Position = t.Position, Token = t.Text };
        }
    }

    private SyntaxNode Led(SyntaxNode t, SyntaxNode left)
    {
        switch (t.Id)
        {
            case "(":
                return FunctionCall(t, left);
            case "[":
                return Predicate(t, left);
            case "{":
                return ObjectConstructor(t, left);
            case "^":
                return OrderBy(t, left);
            case ":=":
                return Bind(t, left);
            case "@" or "#":
                return VariableBinding(t, left);
            case "?":
                t.Type = "condition";
                t.Condition = left;
                t.Then = Expression(0);
                if (_node.Id == ":")
                {
                    Advance(":");
                    t.Else = Expression(0);
                }

                return t;
            case "?:":
                t.Type = "condition";
                t.Condition = left.Clone();
                t.Then = left;
                t.Else = Expression(0);
                return t;
            case "??":
                // a ?? b is $exists(a) ? a : b
                t.Type = "condition";
                var exists = new SyntaxNode("(", "function", "(", t.Position)
                {
                    Procedure = new SyntaxNode("(name)", "variable", "exists", t.Position),
                    Arguments = [left.Clone()],
                };
                t.Condition = exists;
                t.Then = left;
                t.Else = Expression(0);
                return t;
            default:
                t.Lhs = left;
                t.Rhs = Expression(LeftBindingPower(t));
                t.Type = "binary";
                return t;
        }
    }

    private SyntaxNode Block(SyntaxNode t)
    {
        var expressions = new List<SyntaxNode>();
        while (_node.Id != ")")
        {
            expressions.Add(Expression(0));
            if (_node.Id != ";")
            {
                break;
            }

            Advance(";");
        }

        Advance(")", infix: true);
        t.Type = "block";
        t.Expressions = expressions;
        return t;
    }

    private SyntaxNode ArrayConstructor(SyntaxNode t)
    {
        var items = new List<SyntaxNode>();
        if (_node.Id != "]")
        {
            while (true)
            {
                var item = Expression(0);
                if (_node.Id == "..")
                {
                    var range = new SyntaxNode("..", "binary", "..", _node.Position) { Lhs = item };
                    Advance("..");
                    range.Rhs = Expression(0);
                    item = range;
                }

                items.Add(item);
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("]", infix: true);
        t.Expressions = items;
        t.Type = "unary";
        return t;
    }

    private SyntaxNode ObjectConstructor(SyntaxNode t, SyntaxNode? left)
    {
        var pairs = new List<(SyntaxNode, SyntaxNode)>();
        if (_node.Id != "}")
        {
            while (true)
            {
                var name = Expression(0);
                Advance(":");
                var value = Expression(0);
                pairs.Add((name, value));
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("}", infix: true);
        if (left is null)
        {
            t.Pairs = pairs;
            t.Type = "unary";
        }
        else
        {
            t.Lhs = left;
            t.Pairs = pairs;
            t.Type = "binary";
        }

        return t;
    }

    private SyntaxNode Transform(SyntaxNode t)
    {
        t.Type = "transform";
        t.Pattern = Expression(0);
        Advance("|");
        t.Update = Expression(0);
        if (_node.Id == ",")
        {
            Advance(",");
            t.Delete = Expression(0);
        }

        Advance("|");
        return t;
    }

    private SyntaxNode Predicate(SyntaxNode t, SyntaxNode left)
    {
        if (_node.Id == "]")
        {
            // an empty predicate keeps singleton arrays in the output
            var step = left;
            while (step is { Type: "binary", Id: "[" })
            {
                step = step.Lhs!;
            }

            step.KeepArray = true;
            Advance("]");
            return left;
        }

        t.Lhs = left;
        t.Rhs = Expression(0);
        t.Type = "binary";
        Advance("]", infix: true);
        return t;
    }

    private SyntaxNode OrderBy(SyntaxNode t, SyntaxNode left)
    {
        Advance("(");
        var terms = new List<(bool, SyntaxNode)>();
        while (true)
        {
            var descending = false;
            if (_node.Id == "<")
            {
                Advance("<");
            }
            else if (_node.Id == ">")
            {
                descending = true;
                Advance(">");
            }

            terms.Add((descending, Expression(0)));
            if (_node.Id != ",")
            {
                break;
            }

            Advance(",");
        }

        Advance(")");
        t.Lhs = left;
        t.SortTerms = terms;
        t.Type = "binary";
        return t;
    }

    private SyntaxNode Bind(SyntaxNode t, SyntaxNode left)
    {
        if (left.Type != "variable")
        {
            throw new JsonataException("S0212") { Position = left.Position, Token = Describe(left) };
        }

        t.Lhs = left;
        t.Rhs = Expression(BindingPowers[":="] - 1); // right associative
        t.Type = "binary";
        return t;
    }

    private SyntaxNode VariableBinding(SyntaxNode t, SyntaxNode left)
    {
        t.Lhs = left;
        t.Rhs = Expression(BindingPowers[t.Id]);
        if (t.Rhs.Type != "variable")
        {
            throw new JsonataException("S0214") { Position = t.Rhs.Position, Token = t.Id };
        }

        t.Type = "binary";
        return t;
    }

    private SyntaxNode FunctionCall(SyntaxNode t, SyntaxNode left)
    {
        t.Procedure = left;
        t.Type = "function";
        t.Arguments = [];
        if (_node.Id != ")")
        {
            while (true)
            {
                if (_node is { Type: "operator", Id: "?" })
                {
                    t.Type = "partial";
                    t.Arguments.Add(_node);
                    Advance("?");
                }
                else
                {
                    t.Arguments.Add(Expression(0));
                }

                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance(")", infix: true);
        if (left.Type == "name" && left.Text is "function" or "\u03BB")
        {
            return Lambda(t);
        }

        return t;
    }

    private SyntaxNode Lambda(SyntaxNode t)
    {
        for (var i = 0; i < t.Arguments!.Count; i++)
        {
            var argument = t.Arguments[i];
            if (argument.Type != "variable")
            {
                throw new JsonataException("S0208") { Position = argument.Position, Token = Describe(argument), Value = (double)(i + 1) };
            }
        }

        t.Type = "lambda";
        if (_node.Id == "<")
        {
            var signaturePosition = _node.Position;
            var depth = 1;
            var signature = "<";
            while (depth > 0 && _node.Id != "{" && _node.Id != "(end)")
            {
                var token = Advance();
                if (token.Id == ">")
                {
                    depth--;
                }
                else if (token.Id == "<")
                {
                    depth++;
                }

                signature += Describe(token);
            }

            Advance(">");
            try
            {
                t.Signature = Signature.Parse(signature);
            }
            catch (JsonataException e)
            {
                throw new JsonataException(e.Code) { Position = signaturePosition + (e.Position ?? 0), Value = e.Value };
            }
        }

        Advance("{");
        t.Body = Expression(0);
        Advance("}");
        return t;
    }
}
