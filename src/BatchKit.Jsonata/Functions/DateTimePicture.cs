using System.Text.RegularExpressions;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// An analysed date/time picture string (XPath F&amp;O 9.8.4, https://www.w3.org/TR/xpath-functions-31/#date-picture-string):
/// literals and variable markers such as <c>[Y0001]</c>, <c>[MNn,*-3]</c>, <c>[h#1]</c>, <c>[Z01:01t]</c>.
/// </summary>
internal sealed partial class DateTimePicture
{
    private static readonly Dictionary<char, string> DefaultPresentation = new()
    {
        ['Y'] = "1", ['M'] = "1", ['D'] = "1", ['d'] = "1", ['F'] = "n", ['W'] = "1", ['w'] = "1", ['X'] = "1", ['x'] = "1",
        ['H'] = "1", ['h'] = "1", ['P'] = "n", ['m'] = "01", ['s'] = "01", ['f'] = "1", ['Z'] = "01:01", ['z'] = "01:01",
        ['C'] = "n", ['E'] = "n",
    };

    public List<PicturePart> Parts { get; } = [];

    public static DateTimePicture Analyse(string picture)
    {
        var result = new DateTimePicture();
        var start = 0;
        var position = 0;
        while (position < picture.Length)
        {
            if (picture[position] == '[')
            {
                if (position + 1 < picture.Length && picture[position + 1] == '[')
                {
                    result.AddLiteral(picture, start, position);
                    result.Parts.Add(PicturePart.Literal("["));
                    position += 2;
                    start = position;
                    continue;
                }

                result.AddLiteral(picture, start, position);
                start = position;
                position = picture.IndexOf(']', start);
                if (position == -1)
                {
                    throw new JsonataException("D3135");
                }

                result.AddMarker(Whitespace().Replace(picture[(start + 1)..position], ""));
                start = position + 1;
            }

            position++;
        }

        result.AddLiteral(picture, start, position);
        return result;
    }

    private void AddLiteral(string picture, int start, int end)
    {
        if (end > start)
        {
            Parts.Add(PicturePart.Literal(picture[start..end].Replace("]]", "]", StringComparison.Ordinal)));
        }
    }

    private void AddMarker(string marker)
    {
        var part = new PicturePart { Component = marker.Length > 0 ? marker[0] : '\0' };
        var comma = marker.LastIndexOf(',');
        string presentation;
        if (comma != -1)
        {
            var width = marker[(comma + 1)..];
            var dash = width.IndexOf('-', StringComparison.Ordinal);
            part.MinWidth = ParseWidth(dash == -1 ? width : width[..dash]);
            part.MaxWidth = dash == -1 ? null : ParseWidth(width[(dash + 1)..]);
            part.HasWidth = true;
            presentation = marker.Length > 1 ? marker[1..comma] : "";
        }
        else
        {
            presentation = marker.Length > 1 ? marker[1..] : "";
        }

        SetPresentation(part, presentation);
        AnalyseComponent(part);
        Parts.Add(part);
    }

    private static void SetPresentation(PicturePart part, string presentation)
    {
        if (presentation.Length == 1)
        {
            part.Presentation1 = presentation;
        }
        else if (presentation.Length > 1)
        {
            var last = presentation[^1];
            if ("atco".Contains(last, StringComparison.Ordinal))
            {
                part.Presentation2 = last;
                part.Ordinal = last == 'o';
                part.Presentation1 = presentation[..^1];
            }
            else
            {
                part.Presentation1 = presentation;
            }
        }
        else
        {
            part.Presentation1 = DefaultPresentation.GetValueOrDefault(part.Component);
        }

        if (part.Presentation1 is null)
        {
            throw new JsonataException("D3132") { Value = part.Component.ToString() };
        }
    }

    private void AnalyseComponent(PicturePart part)
    {
        var presentation = part.Presentation1!;
        if (presentation.StartsWith('n'))
        {
            part.Names = LetterCase.Lower;
        }
        else if (presentation.StartsWith('N'))
        {
            part.Names = presentation.Length > 1 && presentation[1] == 'n' ? LetterCase.Title : LetterCase.Upper;
        }
        else if ("YMDdFWwXxHhmsf".Contains(part.Component, StringComparison.Ordinal))
        {
            var pattern = part.Presentation2 is { } second ? presentation + ";" + second : presentation;
            part.IntegerFormat = IntegerPicture.Analyse(pattern);
            if (part.MinWidth is { } min && part.IntegerFormat.MandatoryDigits < min)
            {
                part.IntegerFormat.MandatoryDigits = min;
            }

            if (part.Component == 'Y')
            {
                part.YearDigits = -1;
                if (part.MaxWidth is { } max)
                {
                    part.YearDigits = max;
                    part.IntegerFormat.MandatoryDigits = max;
                }
                else if (part.IntegerFormat.MandatoryDigits + part.IntegerFormat.OptionalDigits >= 2)
                {
                    part.YearDigits = part.IntegerFormat.MandatoryDigits + part.IntegerFormat.OptionalDigits;
                }
            }

            if (Parts.Count > 0 && Parts[^1].IntegerFormat is { } previous)
            {
                // an integer directly after another needs a fixed width to be parsed
                previous.ParseWidth = previous.MandatoryDigits;
            }
        }

        if (part.Component is 'Z' or 'z')
        {
            part.IntegerFormat = IntegerPicture.Analyse(presentation);
        }
    }

    /// <summary>parseInt of a width: digits at the start, '*' or nothing for none.</summary>
    private static int? ParseWidth(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == "*")
        {
            return null;
        }

        var digits = new string([.. text.TakeWhile(char.IsAsciiDigit)]);
        return digits.Length == 0 ? null : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
