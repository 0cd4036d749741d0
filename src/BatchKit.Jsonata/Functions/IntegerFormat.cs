namespace BatchKit.Jsonata.Functions;

/// <summary>The kinds of integer picture: decimal digits, letters, roman numerals, words, or an unsupported sequence.</summary>
internal enum IntegerFormat
{
    Decimal,
    Letters,
    Roman,
    Words,
    Sequence,
}
