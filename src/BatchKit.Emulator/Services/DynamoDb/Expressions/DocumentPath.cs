namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// A document path: a top-level attribute, then map members (strings) and list indexes (ints), as in <c>a.b[2].c</c>.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html#Expressions.Attributes.NestedElements.DocumentPathExamples
/// </summary>
internal sealed record DocumentPath(IReadOnlyList<object> Elements)
{
    public string Attribute => (string)Elements[0];

    public override string ToString() =>
        string.Concat(Elements.Select((e, i) => e is int n ? $"[{n}]" : i == 0 ? (string)e : "." + e));

    /// <summary>True when one path is the other or lies inside it (DynamoDB calls two such update paths overlapping).</summary>
    public bool Overlaps(DocumentPath other) =>
        Elements.Zip(other.Elements).All(p => Equals(p.First, p.Second));
}
