using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchKit.Jsonata.Functions;

/// <summary>A regular expression for one component of a picture and how to turn its match into a number.</summary>
internal sealed class PictureMatcher(string pattern, Func<string, double> parse, char component = '\0')
{
    public string Pattern { get; } = pattern;

    public char Component { get; } = component;

    public double Parse(string text) => parse(text);

    public PictureMatcher For(char component) => new(Pattern, parse, component);

    /// <summary>The matcher of an integer picture (digits, letters, roman numerals or words).</summary>
    public static PictureMatcher ForInteger(IntegerPicture format)
    {
        var upper = format.Case == LetterCase.Upper;
        switch (format.Primary)
        {
            case IntegerFormat.Letters:
                return new(upper ? "[A-Z]+" : "[a-z]+", v => IntegerFormatter.FromLetters(v, upper ? 'A' : 'a'));
            case IntegerFormat.Roman:
                return new(upper ? "[MDCLXVI]+" : "[mdclxvi]+", v => IntegerFormatter.FromRoman(upper ? v : v.ToUpperInvariant()));
            case IntegerFormat.Words:
                return new("(?:" + string.Join("|", NumberWords.Words.Concat(["and", "[\\-, ]"])) + ")+",
                    v => NumberWords.ToNumber(v.ToLowerInvariant()));
            case IntegerFormat.Decimal:
                var regex = "[0-9]" + (format.ParseWidth is { } width ? "{" + width.ToString(CultureInfo.InvariantCulture) + "}" : "+")
                    + (format.Ordinal ? "(?:th|st|nd|rd)" : "");
                return new(regex, v => ParseDecimal(v, format));
            default:
                throw new JsonataException("D3130") { Value = format.Token };
        }
    }

    private static double ParseDecimal(string value, IntegerPicture format)
    {
        var digits = format.Ordinal ? value[..Math.Max(value.Length - 2, 0)] : value;
        if (format.RegularInterval > 0)
        {
            digits = digits.Replace(",", "", StringComparison.Ordinal);
        }
        else
        {
            foreach (var (_, character) in format.GroupingSeparators)
            {
                digits = digits.Replace(character, "", StringComparison.Ordinal);
            }
        }

        if (format.ZeroCode != 0x30)
        {
            digits = string.Concat(IntegerPicture.CodePoints(digits).Select(c => FromDigitGroup(c, format.ZeroCode)));
        }

        return DateTimeFormatter.ParseIntLike(digits);
    }

    /// <summary>A digit of the picture's decimal group as an ASCII digit; a character from elsewhere is D3131.</summary>
    private static string FromDigitGroup(int codePoint, int zeroCode)
    {
        var shifted = codePoint - zeroCode + 0x30;
        return shifted is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)
            ? char.ConvertFromUtf32(shifted)
            : throw new JsonataException("D3131");
    }

    /// <summary>The matcher of a date/time picture component (a literal matches itself).</summary>
    public static PictureMatcher ForPart(PicturePart part)
    {
        if (part.IsLiteral)
        {
            return new(Regex.Escape(part.LiteralText!), _ => 0);
        }

        if (part.Component is 'Z' or 'z')
        {
            return TimeZone(part);
        }

        if (part.Component == 'f')
        {
            return new("[0-9]+", v => double.Parse("0." + v[..Math.Min(3, v.Length)], CultureInfo.InvariantCulture) * 1000, 'f');
        }

        if (part.IntegerFormat is not null)
        {
            return ForInteger(part.IntegerFormat).For(part.Component);
        }

        return Names(part);
    }

    private static PictureMatcher TimeZone(PicturePart part)
    {
        var format = part.IntegerFormat!;
        var separator = format.RegularInterval > 0 ? format.GroupingSeparators[0].Character : null;
        var regex = (part.Component == 'z' ? "GMT" : "") + "[-+][0-9]+" + (separator is null ? "" : Regex.Escape(separator) + "[0-9]+");
        return new(regex, value =>
        {
            if (part.Component == 'z')
            {
                value = value[3..];
            }

            double hours, minutes = 0;
            if (separator is not null)
            {
                var at = value.IndexOf(separator, StringComparison.Ordinal);
                hours = DateTimeFormatter.ParseIntLike(value[..at]);
                minutes = DateTimeFormatter.ParseIntLike(value[(at + separator.Length)..]);
            }
            else if (value.Length - 1 <= 2)
            {
                hours = DateTimeFormatter.ParseIntLike(value);
            }
            else
            {
                hours = DateTimeFormatter.ParseIntLike(value[..3]);
                minutes = DateTimeFormatter.ParseIntLike(value[3..]);
            }

            return (hours * 60) + minutes;
        }, part.Component);
    }

    private static PictureMatcher Names(PicturePart part)
    {
        var lookup = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (part.Component)
        {
            case 'M' or 'x':
                for (var i = 0; i < DateTimeFormatter.Months.Length; i++)
                {
                    lookup[Truncate(DateTimeFormatter.Months[i], part.MaxWidth)] = i + 1;
                }

                break;
            case 'F':
                for (var i = 1; i < DateTimeFormatter.Days.Length; i++)
                {
                    lookup[Truncate(DateTimeFormatter.Days[i], part.MaxWidth)] = i;
                }

                break;
            case 'P':
                lookup["am"] = 0;
                lookup["AM"] = 0;
                lookup["pm"] = 1;
                lookup["PM"] = 1;
                break;
            default:
                throw new JsonataException("D3133") { Value = part.Component.ToString() };
        }

        return new("[a-zA-Z]+", v => lookup.TryGetValue(v, out var n) ? n : double.NaN, part.Component);
    }

    private static string Truncate(string name, int? width) => width is { } w and > 0 && name.Length > w ? name[..w] : name;
}
