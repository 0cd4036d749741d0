namespace BatchKit.Jsonata.Ast;

/// <summary>The families of binary operator, decided once when the node is built.</summary>
internal enum BinaryOperator
{
    Arithmetic,
    Equal,
    NotEqual,
    Comparison,
    Concatenation,
    Range,
    Inclusion,
    Boolean,
}
