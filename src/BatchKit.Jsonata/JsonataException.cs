namespace BatchKit.Jsonata;

/// <summary>
/// A JSONata error with the reference implementation's code (S0xxx syntax, T0xxx/T1xxx/T2xxx type, D1xxx/D2xxx/D3xxx
/// dynamic, U1001 guard) and its message, e.g. <c>T2001: The left side of the + operator must evaluate to a number</c>.
/// </summary>
public sealed class JsonataException : Exception
{
    public JsonataException()
        : this("U1000")
    {
    }

    public JsonataException(string code)
        : base(code)
    {
        Code = code;
    }

    /// <summary>An error a host function raises with its own code and message.</summary>
    public JsonataException(string code, string message)
        : base(message)
    {
        Code = code;
        Detail = message;
    }

    public JsonataException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
        Detail = message;
    }

    /// <summary>The error code, e.g. <c>S0201</c>, <c>T2002</c>, <c>D3137</c>, <c>U1001</c>.</summary>
    public string Code { get; }

    /// <summary>The character offset in the expression the error relates to, when known.</summary>
    public int? Position { get; internal set; }

    /// <summary>The token (operator, function name, ...) the error relates to, when known.</summary>
    public string? Token { get; internal set; }

    public override string Message => ErrorCatalogue.Format(this);

    internal object? Value { get; init; }

    internal object? Value2 { get; init; }

    internal int? Index { get; init; }

    internal string? TypeName { get; init; }

    internal object? Exponent { get; init; }

    internal string? FunctionName { get; init; }

    /// <summary>A message given by the expression ($error, $assert) or by a host function.</summary>
    internal string? Detail { get; init; }

    public override string ToString() => $"{Code}: {Message}";
}
