using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Parsing;

/// <summary>
/// A node of the parse tree as the Pratt parser builds it (before the post-parse step turns paths into steps):
/// <see cref="Id"/> is the symbol, <see cref="Type"/> what the parser made of it (binary, unary, function, ...).
/// </summary>
internal sealed class SyntaxNode
{
    public SyntaxNode(string id, string type, object? value, int position)
    {
        Id = id;
        Type = type;
        Value = value;
        Position = position;
    }

    public string Id { get; }

    public string Type { get; set; }

    /// <summary>Operator text, name, string, double, bool, <see cref="JsonNull"/> or <see cref="RegexLiteral"/>.</summary>
    public object? Value { get; set; }

    public int Position { get; set; }

    public string Text => Value as string ?? "";

    public SyntaxNode? Lhs { get; set; }

    public SyntaxNode? Rhs { get; set; }

    public SyntaxNode? Expression { get; set; }

    public List<SyntaxNode>? Expressions { get; set; }

    /// <summary>Name/value pairs of an object constructor (unary) or a grouping (binary).</summary>
    public List<(SyntaxNode Key, SyntaxNode Value)>? Pairs { get; set; }

    public List<(bool Descending, SyntaxNode Expression)>? SortTerms { get; set; }

    public SyntaxNode? Procedure { get; set; }

    public List<SyntaxNode>? Arguments { get; set; }

    public Signature? Signature { get; set; }

    public SyntaxNode? Body { get; set; }

    public SyntaxNode? Condition { get; set; }

    public SyntaxNode? Then { get; set; }

    public SyntaxNode? Else { get; set; }

    public SyntaxNode? Pattern { get; set; }

    public SyntaxNode? Update { get; set; }

    public SyntaxNode? Delete { get; set; }

    /// <summary>An empty predicate <c>[]</c> followed this step: keep a singleton result an array.</summary>
    public bool KeepArray { get; set; }

    /// <summary>The height of the subtree, bounded by the parser so no later walk can exhaust the stack.</summary>
    public int Height { get; set; }

    public IEnumerable<SyntaxNode> Children()
    {
        SyntaxNode?[] single = [Lhs, Rhs, Expression, Procedure, Body, Condition, Then, Else, Pattern, Update, Delete];
        foreach (var child in single)
        {
            if (child is not null)
            {
                yield return child;
            }
        }

        foreach (var child in (IEnumerable<SyntaxNode>?)Expressions ?? [])
        {
            yield return child;
        }

        foreach (var child in (IEnumerable<SyntaxNode>?)Arguments ?? [])
        {
            yield return child;
        }

        foreach (var (key, value) in (IEnumerable<(SyntaxNode, SyntaxNode)>?)Pairs ?? [])
        {
            yield return key;
            yield return value;
        }

        foreach (var (_, expression) in (IEnumerable<(bool, SyntaxNode)>?)SortTerms ?? [])
        {
            yield return expression;
        }
    }

    /// <summary>A deep copy (the <c>??</c> and <c>?:</c> operators use their left side twice).</summary>
    public SyntaxNode Clone()
    {
        StackGuard.Ensure();
        return new SyntaxNode(Id, Type, Value, Position)
        {
            Lhs = Lhs?.Clone(),
            Rhs = Rhs?.Clone(),
            Expression = Expression?.Clone(),
            Expressions = Expressions?.ConvertAll(e => e.Clone()),
            Pairs = Pairs?.ConvertAll(p => (p.Key.Clone(), p.Value.Clone())),
            SortTerms = SortTerms?.ConvertAll(t => (t.Descending, t.Expression.Clone())),
            Procedure = Procedure?.Clone(),
            Arguments = Arguments?.ConvertAll(a => a.Clone()),
            Signature = Signature,
            Body = Body?.Clone(),
            Condition = Condition?.Clone(),
            Then = Then?.Clone(),
            Else = Else?.Clone(),
            Pattern = Pattern?.Clone(),
            Update = Update?.Clone(),
            Delete = Delete?.Clone(),
            KeepArray = KeepArray,
            Height = Height,
        };
    }

    public override string ToString() => $"{Type} {Value}";
}
