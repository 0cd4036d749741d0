namespace BatchKit.Jsonata.Functions;

/// <summary>How letters, numerals and names are cased in a picture: UPPER, lower or Title.</summary>
internal enum LetterCase
{
    Upper,
    Lower,
    Title,
}
