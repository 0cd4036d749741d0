namespace BatchKit.Jsonata.Parsing;

/// <summary>The lexical classes of https://docs.jsonata.org: operators, names, variables and literals.</summary>
internal enum TokenType
{
    Operator,
    Name,
    Variable,
    String,
    Number,
    Value,
    Regex,
}
