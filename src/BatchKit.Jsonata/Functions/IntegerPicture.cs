namespace BatchKit.Jsonata.Functions;

/// <summary>
/// An analysed integer picture (XPath F&amp;O fn:format-integer, https://www.w3.org/TR/xpath-functions-31/#func-format-integer):
/// decimal digits with grouping separators, letters (a/A), roman numerals (i/I) or words (w/W/Ww), optionally ordinal.
/// </summary>
internal sealed class IntegerPicture
{
    /// <summary>The zero of every Unicode decimal digit block the reference recognises.</summary>
    private static readonly int[] DecimalGroups =
    [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0,
        0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900,
        0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ];

    public IntegerFormat Primary { get; set; } = IntegerFormat.Decimal;

    public LetterCase Case { get; set; } = LetterCase.Lower;

    public bool Ordinal { get; set; }

    public int ZeroCode { get; set; } = 0x30;

    public int MandatoryDigits { get; set; }

    public int OptionalDigits { get; set; }

    /// <summary>Separators from the right: (digits to their right, character).</summary>
    public List<(int Position, string Character)> GroupingSeparators { get; set; } = [];

    /// <summary>Non-zero when the separators repeat at a fixed interval (then only the first character is used).</summary>
    public int RegularInterval { get; set; }

    /// <summary>Fixed width when parsing an integer directly followed by another integer component.</summary>
    public int? ParseWidth { get; set; }

    public string? Token { get; set; }

    public IntegerPicture Clone() => (IntegerPicture)MemberwiseClone();

    public static IntegerPicture Analyse(string picture)
    {
        var format = new IntegerPicture();
        var primary = picture;
        var semicolon = picture.LastIndexOf(';');
        if (semicolon != -1)
        {
            primary = picture[..semicolon];
            format.Ordinal = picture.Length > semicolon + 1 && picture[semicolon + 1] == 'o';
        }

        switch (primary)
        {
            case "A" or "a":
                format.Case = primary == "A" ? LetterCase.Upper : LetterCase.Lower;
                format.Primary = IntegerFormat.Letters;
                break;
            case "I" or "i":
                format.Case = primary == "I" ? LetterCase.Upper : LetterCase.Lower;
                format.Primary = IntegerFormat.Roman;
                break;
            case "W" or "Ww" or "w":
                format.Case = primary switch { "W" => LetterCase.Upper, "Ww" => LetterCase.Title, _ => LetterCase.Lower };
                format.Primary = IntegerFormat.Words;
                break;
            default:
                AnalyseDecimal(format, primary);
                break;
        }

        return format;
    }

    private static void AnalyseDecimal(IntegerPicture format, string primary)
    {
        int? zeroCode = null;
        var separatorPosition = 0;
        var codePoints = CodePoints(primary);
        codePoints.Reverse();
        foreach (var codePoint in codePoints)
        {
            var groupIndex = Array.FindIndex(DecimalGroups, g => codePoint >= g && codePoint <= g + 9);
            if (groupIndex >= 0)
            {
                var group = DecimalGroups[groupIndex];
                format.MandatoryDigits++;
                separatorPosition++;
                if (zeroCode is null)
                {
                    zeroCode = group;
                }
                else if (group != zeroCode)
                {
                    throw new JsonataException("D3131");
                }
            }
            else if (codePoint == '#')
            {
                separatorPosition++;
                format.OptionalDigits++;
            }
            else
            {
                format.GroupingSeparators.Add((separatorPosition, char.ConvertFromUtf32(codePoint)));
            }
        }

        if (format.MandatoryDigits == 0)
        {
            format.Primary = IntegerFormat.Sequence;
            format.Token = primary;
            return;
        }

        format.Primary = IntegerFormat.Decimal;
        format.ZeroCode = zeroCode!.Value;
        var separators = format.GroupingSeparators;
        if (separators.Count > 0 && separators.TrueForAll(s => s.Character == separators[0].Character))
        {
            format.RegularInterval = NumberFormatter.Regular([.. separators.Select(s => s.Position)]);
        }
    }

    public static List<int> CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                points.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                points.Add(text[i]);
            }
        }

        return points;
    }
}
