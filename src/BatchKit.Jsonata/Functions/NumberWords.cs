using System.Text.RegularExpressions;

namespace BatchKit.Jsonata.Functions;

/// <summary>Integers as English words ("one hundred and twenty-third") and back, as the reference spells them.</summary>
internal static partial class NumberWords
{
    private static readonly string[] Few =
    [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen",
        "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ];

    private static readonly string[] Ordinals =
    [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth",
        "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth",
    ];

    private static readonly string[] Decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"];

    private static readonly string[] Magnitudes = ["Thousand", "Million", "Billion", "Trillion"];

    private static readonly Dictionary<string, double> WordValues = CreateWordValues();

    public static IEnumerable<string> Words => WordValues.Keys;

    public static string ToWords(double value, bool ordinal) => double.IsFinite(value) ? Lookup(value, false, ordinal) : "";

    private static string Lookup(double number, bool previous, bool ordinal)
    {
        if (number <= 19)
        {
            return (previous ? " and " : "") + (ordinal ? Ordinals[(int)number] : Few[(int)number]);
        }

        if (number < 100)
        {
            var tens = (int)Math.Floor(number / 10);
            var remainder = number % 10;
            var words = (previous ? " and " : "") + Decades[tens - 2];
            if (remainder > 0)
            {
                return words + "-" + Lookup(remainder, false, ordinal);
            }

            return ordinal ? words[..^1] + "ieth" : words;
        }

        if (number < 1000)
        {
            var hundreds = (int)Math.Floor(number / 100);
            var remainder = number % 100;
            var words = (previous ? ", " : "") + Few[hundreds] + " Hundred";
            if (remainder > 0)
            {
                return words + Lookup(remainder, true, ordinal);
            }

            return ordinal ? words + "th" : words;
        }

        var magnitude = (int)Math.Floor(Math.Log10(number) / 3);
        if (magnitude > Magnitudes.Length)
        {
            magnitude = Magnitudes.Length;
        }

        var factor = Math.Pow(10, magnitude * 3);
        var mantissa = Math.Floor(number / factor);
        var rest = number - (mantissa * factor);
        var text = (previous ? ", " : "") + Lookup(mantissa, false, false) + " " + Magnitudes[magnitude - 1];
        if (rest > 0)
        {
            return text + Lookup(rest, true, ordinal);
        }

        return ordinal ? text + "th" : text;
    }

    public static double ToNumber(string text)
    {
        var parts = Separators().Split(text);
        var segments = new List<double> { 0 };
        foreach (var part in parts)
        {
            var value = WordValues.TryGetValue(part, out var v) ? v : double.NaN;
            if (value < 100)
            {
                var top = segments[^1];
                segments.RemoveAt(segments.Count - 1);
                if (top >= 1000)
                {
                    segments.Add(top);
                    top = 0;
                }

                segments.Add(top + value);
            }
            else
            {
                segments[^1] *= value;
            }
        }

        return segments.Sum();
    }

    private static Dictionary<string, double> CreateWordValues()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Few.Length; i++)
        {
            values[Few[i].ToLowerInvariant()] = i;
        }

        for (var i = 0; i < Ordinals.Length; i++)
        {
            values[Ordinals[i].ToLowerInvariant()] = i;
        }

        for (var i = 0; i < Decades.Length; i++)
        {
            var word = Decades[i].ToLowerInvariant();
            values[word] = (i + 2) * 10;
            values[word[..^1] + "ieth"] = (i + 2) * 10;
        }

        values["hundredth"] = 100;
        for (var i = 0; i < Magnitudes.Length; i++)
        {
            var word = Magnitudes[i].ToLowerInvariant();
            var value = Math.Pow(10, (i + 1) * 3);
            values[word] = value;
            values[word + "th"] = value;
        }

        return values;
    }

    [GeneratedRegex(@",\s|\sand\s|[\s\\-]")]
    private static partial Regex Separators();
}
