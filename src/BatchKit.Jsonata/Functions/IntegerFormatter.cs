using System.Globalization;
using System.Text;
using BatchKit.Jsonata.Evaluation;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// $formatInteger and $parseInteger (https://docs.jsonata.org/numeric-functions#formatinteger): decimal digit
/// patterns, letters, roman numerals and English words, cardinal or ordinal.
/// </summary>
internal static class IntegerFormatter
{
    public static object? FormatInteger(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not double value)
        {
            return null;
        }

        return Format(Math.Floor(value), IntegerPicture.Analyse(Picture(args)));
    }

    public static object? ParseInteger(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string text)
        {
            return null;
        }

        var picture = IntegerPicture.Analyse(Picture(args));
        return PictureMatcher.ForInteger(picture).Parse(text);
    }

    /// <summary>The picture argument, which the signature lets be undefined; the reference then fails.</summary>
    public static string Picture(object?[] args) => Arg(args, 1) as string ?? throw new JsonataException("T0410") { Index = 2 };

    public static string Format(double value, IntegerPicture format)
    {
        var negative = value < 0;
        value = Math.Abs(value);
        var text = format.Primary switch
        {
            IntegerFormat.Letters => Letters(value, format.Case == LetterCase.Upper ? 'A' : 'a'),
            IntegerFormat.Roman => format.Case == LetterCase.Upper ? Roman(value).ToUpperInvariant() : Roman(value),
            IntegerFormat.Words => format.Case switch
            {
                LetterCase.Upper => NumberWords.ToWords(value, format.Ordinal).ToUpperInvariant(),
                LetterCase.Lower => NumberWords.ToWords(value, format.Ordinal).ToLowerInvariant(),
                _ => NumberWords.ToWords(value, format.Ordinal),
            },
            IntegerFormat.Decimal => Decimal(value, format),
            _ => throw new JsonataException("D3130") { Value = format.Token },
        };
        return negative ? "-" + text : text;
    }

    private static string Decimal(double value, IntegerPicture format)
    {
        var text = JsNumberText(value);
        var padLength = format.MandatoryDigits - text.Length;
        if (padLength > 0)
        {
            text = new string('0', padLength) + text;
        }

        if (format.ZeroCode != 0x30)
        {
            var builder = new StringBuilder();
            foreach (var codePoint in IntegerPicture.CodePoints(text))
            {
                builder.Append(char.ConvertFromUtf32(codePoint + format.ZeroCode - 0x30));
            }

            text = builder.ToString();
        }

        text = format.RegularInterval > 0 ? GroupRegular(text, format) : GroupIrregular(text, format);
        if (format.Ordinal)
        {
            var last = text[^1];
            var suffix = last switch { '1' => "st", '2' => "nd", '3' => "rd", _ => "th" };
            if (text.Length > 1 && text[^2] == '1')
            {
                suffix = "th";
            }

            text += suffix;
        }

        return text;
    }

    private static string JsNumberText(double value) => Values.JsNumber.ToString(value);

    private static string GroupRegular(string text, IntegerPicture format)
    {
        var interval = format.RegularInterval;
        var separator = format.GroupingSeparators[0].Character;
        var n = (text.Length - 1) / interval;
        for (var i = n; i > 0; i--)
        {
            var position = text.Length - (i * interval);
            text = text[..position] + separator + text[position..];
        }

        return text;
    }

    private static string GroupIrregular(string text, IntegerPicture format)
    {
        for (var i = format.GroupingSeparators.Count - 1; i >= 0; i--)
        {
            // text.substr(0, at) + separator + text.substr(at): before the start, the left part is empty and the
            // right part counts from the end, exactly as String.prototype.substr has it
            var (position, character) = format.GroupingSeparators[i];
            var at = text.Length - position;
            text = at >= 0
                ? text[..Math.Min(at, text.Length)] + character + text[Math.Min(at, text.Length)..]
                : character + text[Math.Max(text.Length + at, 0)..];
        }

        return text;
    }

    private static readonly (int Value, string Numeral)[] RomanNumerals =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
        (5, "v"), (4, "iv"), (1, "i"),
    ];

    public static string Roman(double value)
    {
        var builder = new StringBuilder();
        foreach (var (amount, numeral) in RomanNumerals)
        {
            while (value >= amount)
            {
                builder.Append(numeral);
                value -= amount;
            }
        }

        return builder.ToString();
    }

    public static double FromRoman(string roman)
    {
        var values = new Dictionary<char, int> { ['M'] = 1000, ['D'] = 500, ['C'] = 100, ['L'] = 50, ['X'] = 10, ['V'] = 5, ['I'] = 1 };
        double result = 0;
        var max = 1;
        for (var i = roman.Length - 1; i >= 0; i--)
        {
            if (!values.TryGetValue(roman[i], out var digit))
            {
                return double.NaN; // not a roman digit
            }

            if (digit < max)
            {
                result -= digit;
            }
            else
            {
                max = digit;
                result += digit;
            }
        }

        return result;
    }

    public static string Letters(double value, char a)
    {
        var letters = new StringBuilder();
        while (value > 0)
        {
            letters.Insert(0, (char)(((value - 1) % 26) + a));
            value = Math.Floor((value - 1) / 26);
        }

        return letters.ToString();
    }

    public static double FromLetters(string letters, char a)
    {
        double result = 0;
        for (var i = 0; i < letters.Length; i++)
        {
            result += (letters[letters.Length - i - 1] - a + 1) * Math.Pow(26, i);
        }

        return result;
    }

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
