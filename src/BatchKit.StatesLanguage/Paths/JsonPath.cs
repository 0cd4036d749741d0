using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Paths;

/// <summary>
/// JSONPath as Step Functions reads it: <c>$</c> (the state's value), <c>$$</c> (the context object) or
/// <c>$name</c> (a variable), then <c>.name</c>, <c>['name']</c>, <c>[n]</c>, <c>[*]</c>, <c>.*</c>, slices
/// <c>[a:b:c]</c>, unions <c>[a,b]</c>, deep scan <c>..name</c> and filters <c>[?(@.x op v)]</c>. A definite path
/// selects one node; an indefinite one (wildcards, slices, unions, scans, filters) selects an array of matches.
/// https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
/// </summary>
internal sealed class JsonPath
{
    private static readonly ConcurrentDictionary<string, JsonPath> Cache = new(StringComparer.Ordinal);

    private JsonPath(string text, PathRoot root, string? variable, IReadOnlyList<JsonPathSegment> segments)
    {
        Text = text;
        Root = root;
        Variable = variable;
        Segments = segments;
        IsDefinite = segments.All(s => s.IsDefinite);
    }

    public enum PathRoot
    {
        Input,
        Context,
        Variable,
    }

    public string Text { get; }

    public PathRoot Root { get; }

    /// <summary>The variable name (without <c>$</c>) when <see cref="Root"/> is <see cref="PathRoot.Variable"/>.</summary>
    public string? Variable { get; }

    public IReadOnlyList<JsonPathSegment> Segments { get; }

    public bool IsDefinite { get; }

    /// <summary>Parses (and caches) a path; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static JsonPath Parse(string text) => Cache.TryGetValue(text, out var cached) ? cached : Cache.GetOrAdd(text, new Parser(text).Parse());

    /// <summary>Null when <paramref name="text"/> is a valid path, else why not (for definition validation).</summary>
    public static string? Validate(string text)
    {
        try
        {
            Parse(text);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Evaluates the path. A definite path that matches nothing throws a States.Runtime failure with AWS's wording;
    /// an indefinite one yields an array (empty when nothing matches).
    /// </summary>
    public static JsonNode? Select(string path, IPathScope scope) =>
        TrySelect(path, scope, out var value)
            ? value
            : throw new FailureException(ErrorNames.Runtime, $"Invalid path '{path}' : No results for path: {Parse(path).Describe()}");

    public static bool TrySelect(string path, IPathScope scope, out JsonNode? value) => Parse(path).TrySelect(scope, out value);

    public bool TrySelect(IPathScope scope, out JsonNode? value)
    {
        if (Root == PathRoot.Input && Segments.Count == 0)
        {
            value = scope.Input; // "$": the hot path of every state
            return true;
        }

        JsonNode? root;
        var first = 0;
        switch (Root)
        {
            case PathRoot.Input:
                root = scope.Input;
                break;
            case PathRoot.Context when Segments.Count > 0 && Segments[0] is JsonPathSegment.Property member:
                // $$.Execution.Input...: start from the member, so the whole context object is never built.
                if (!scope.TryGetContextMember(member.Name, out root))
                {
                    value = null;
                    return false;
                }

                first = 1;
                break;
            case PathRoot.Context:
                root = scope.Context;
                break;
            default:
                if (!scope.TryGetVariable(Variable!, out root))
                {
                    value = null;
                    return false;
                }

                break;
        }

        var current = new List<JsonNode?>(1) { root };
        foreach (var segment in Segments.Skip(first))
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                segment.Select(node, next);
            }

            current = next;
        }

        if (IsDefinite)
        {
            value = current.Count == 1 ? current[0] : null;
            return current.Count == 1;
        }

        value = new JsonArray(current.Select(JsonText.Clone).ToArray());
        return true;
    }

    /// <summary>The bracket form AWS prints in path errors: <c>$['a']['b']</c>.</summary>
    public string Describe()
    {
        var sb = new StringBuilder(Root switch { PathRoot.Input => "$", PathRoot.Context => "$$", _ => "$" + Variable });
        foreach (var segment in Segments)
        {
            sb.Append(segment switch
            {
                JsonPathSegment.Property p => $"['{p.Name}']",
                JsonPathSegment.Index i => $"[{i.Position.ToString(CultureInfo.InvariantCulture)}]",
                _ => "[*]",
            });
        }

        return sb.ToString();
    }

    public override string ToString() => Text;

    private sealed class Parser(string text)
    {
        /// <summary>Filters nest by recursion (<c>[?(@[?(@...)])]</c>); deeper than this is refused, never a stack overflow.</summary>
        private const int MaxFilterDepth = 16;

        private int _at;
        private int _filterDepth;

        public JsonPath Parse()
        {
            if (text.Length == 0 || text[0] != '$')
            {
                throw Error("a path must start with '$'");
            }

            _at = 1;
            var root = PathRoot.Input;
            string? variable = null;
            if (Peek('$'))
            {
                _at++;
                root = PathRoot.Context;
            }
            else if (_at < text.Length && (char.IsLetter(text[_at]) || text[_at] == '_'))
            {
                var start = _at;
                while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
                {
                    _at++;
                }

                root = PathRoot.Variable;
                variable = text[start.._at];
            }

            var segments = new List<JsonPathSegment>();
            while (_at < text.Length)
            {
                segments.Add(Segment());
            }

            return new JsonPath(text, root, variable, segments);
        }

        private JsonPathSegment Segment()
        {
            if (Peek('.'))
            {
                _at++;
                if (Peek('.'))
                {
                    _at++;
                    return new JsonPathSegment.Descendants(Peek('[') ? Bracket() : DotName());
                }

                return DotName();
            }

            if (Peek('['))
            {
                return Bracket();
            }

            throw Error($"unexpected '{text[_at]}' at position {_at}");
        }

        private JsonPathSegment DotName()
        {
            if (Peek('*'))
            {
                _at++;
                return new JsonPathSegment.Wildcard();
            }

            var start = _at;
            while (_at < text.Length && text[_at] is not ('.' or '['))
            {
                _at++;
            }

            if (_at == start)
            {
                throw Error($"a name is missing at position {start}");
            }

            var name = text[start.._at];
            if (name.Any(char.IsWhiteSpace) && name.Trim().Length != name.Length)
            {
                throw Error($"the name '{name}' has leading or trailing spaces");
            }

            return new JsonPathSegment.Property(name);
        }

        private JsonPathSegment Bracket()
        {
            _at++; // [
            SkipSpaces();
            JsonPathSegment result;
            if (Peek('*'))
            {
                _at++;
                result = new JsonPathSegment.Wildcard();
            }
            else if (Peek('?'))
            {
                result = FilterExpression();
            }
            else
            {
                var members = new List<JsonPathSegment> { Member() };
                SkipSpaces();
                while (Peek(','))
                {
                    _at++;
                    SkipSpaces();
                    members.Add(Member());
                    SkipSpaces();
                }

                result = members.Count == 1 ? members[0] : new JsonPathSegment.Union(members);
            }

            SkipSpaces();
            Expect(']');
            return result;
        }

        private JsonPathSegment Member()
        {
            if (Peek('\'') || Peek('"'))
            {
                return new JsonPathSegment.Property(QuotedString());
            }

            int? first = Peek(':') ? null : Integer();
            if (!Peek(':'))
            {
                return new JsonPathSegment.Index(first ?? throw Error("an index is missing"));
            }

            _at++;
            int? end = _at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '-') ? Integer() : null;
            var step = 1;
            if (Peek(':'))
            {
                _at++;
                step = _at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '-') ? Integer() : 1;
            }

            return new JsonPathSegment.Slice(first, end, step);
        }

        private JsonPathSegment.Filter FilterExpression()
        {
            if (++_filterDepth > MaxFilterDepth)
            {
                throw Error($"filters are nested more than {MaxFilterDepth} deep");
            }

            _at++; // ?
            Expect('(');
            SkipSpaces();
            Expect('@');
            var operand = new List<JsonPathSegment>();
            while (_at < text.Length && (Peek('.') || Peek('[')))
            {
                operand.Add(Segment());
                if (operand[^1] is JsonPathSegment.Property p && p.Name.IndexOfAny([' ', '=', '<', '>', '!', ')']) is var cut and >= 0)
                {
                    // ".price < 10": the dot-name ran into the operator; split it off again.
                    operand[^1] = new JsonPathSegment.Property(p.Name[..cut]);
                    _at -= p.Name.Length - cut;
                    break;
                }
            }

            SkipSpaces();
            string? op = null;
            JsonNode? literal = null;
            foreach (var candidate in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (string.CompareOrdinal(text, _at, candidate, 0, candidate.Length) == 0)
                {
                    op = candidate;
                    _at += candidate.Length;
                    SkipSpaces();
                    literal = Literal();
                    SkipSpaces();
                    break;
                }
            }

            Expect(')');
            _filterDepth--;
            return new JsonPathSegment.Filter(operand, op, literal);
        }

        private JsonNode? Literal()
        {
            if (Peek('\'') || Peek('"'))
            {
                return JsonValue.Create(QuotedString());
            }

            var start = _at;
            while (_at < text.Length && text[_at] != ')' && !char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }

            var token = text[start.._at];
            try
            {
                return JsonText.Parse(token);
            }
            catch (System.Text.Json.JsonException)
            {
                throw Error($"'{token}' is not a literal");
            }
        }

        private string QuotedString()
        {
            var quote = text[_at++];
            var sb = new StringBuilder();
            while (_at < text.Length && text[_at] != quote)
            {
                // Only the quote itself is escaped; any other backslash is part of the name (AWS keeps it).
                if (text[_at] == '\\' && _at + 1 < text.Length && text[_at + 1] == quote)
                {
                    _at++;
                }

                sb.Append(text[_at++]);
            }

            Expect(quote);
            return sb.ToString();
        }

        private int Integer()
        {
            var start = _at;
            if (Peek('-'))
            {
                _at++;
            }

            while (_at < text.Length && char.IsDigit(text[_at]))
            {
                _at++;
            }

            return int.TryParse(text.AsSpan(start, _at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"expected a number at position {start}");
        }

        private void SkipSpaces()
        {
            while (_at < text.Length && text[_at] == ' ')
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

        private FormatException Error(string why) => new($"The value '{(text.Length > 200 ? text[..200] + "..." : text)}' is not a valid JSONPath: {why}");
    }
}
