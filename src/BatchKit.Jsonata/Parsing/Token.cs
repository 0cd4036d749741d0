namespace BatchKit.Jsonata.Parsing;

/// <summary>One token: its class, its value (operator text, name, string, double, bool, null or regex) and offset.</summary>
internal sealed record Token(TokenType Type, object? Value, int Position)
{
    public string Text => Value as string ?? "";
}
