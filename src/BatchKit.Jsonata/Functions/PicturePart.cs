namespace BatchKit.Jsonata.Functions;

/// <summary>A literal or a variable marker of a date/time picture.</summary>
internal sealed class PicturePart
{
    public string? LiteralText { get; private init; }

    public bool IsLiteral => LiteralText is not null;

    public char Component { get; init; }

    public bool HasWidth { get; set; }

    public int? MinWidth { get; set; }

    public int? MaxWidth { get; set; }

    public string? Presentation1 { get; set; }

    public char? Presentation2 { get; set; }

    public bool Ordinal { get; set; }

    public LetterCase? Names { get; set; }

    public IntegerPicture? IntegerFormat { get; set; }

    /// <summary>How many trailing digits of the year to show (-1: all).</summary>
    public int YearDigits { get; set; } = -1;

    public static PicturePart Literal(string text) => new() { LiteralText = text };
}
