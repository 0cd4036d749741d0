namespace BatchKit.Sales;

/// <summary>
/// A named problem with one row: its 1-based position in the file's array, the field at fault (null when the
/// row itself is wrong) and a message a person can act on, e.g. <c>row 17: UnitPrice "abc" is not a decimal number</c>.
/// File-level problems (<see cref="RowErrorKind.NotAnArray"/>, <see cref="RowErrorKind.MalformedJson"/>) carry row 0.
/// </summary>
public sealed record RowError(long Row, RowErrorKind Kind, SalesRowField? Field, string Message)
{
    public override string ToString() => Message;
}
