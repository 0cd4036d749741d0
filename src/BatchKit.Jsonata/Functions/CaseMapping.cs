using System.Text;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// JavaScript's toUpperCase/toLowerCase use Unicode's full case mapping; .NET's invariant mapping is the simple one.
/// These are the differences that occur in practice: the unconditional SpecialCasing expansions (ß → SS, ligatures)
/// and the final sigma (https://www.unicode.org/Public/UCD/latest/ucd/SpecialCasing.txt).
/// </summary>
internal static class CaseMapping
{
    private static readonly Dictionary<char, string> UpperExpansions = new()
    {
        ['\u00DF'] = "SS", ['\u0149'] = "\u02BCN", ['\u01F0'] = "J\u030C", ['\u0390'] = "\u0399\u0308\u0301", ['\u03B0'] = "\u03A5\u0308\u0301",
        ['\u0587'] = "\u0535\u0552", ['\u1E96'] = "H\u0331", ['\u1E97'] = "T\u0308", ['\u1E98'] = "W\u030A", ['\u1E99'] = "Y\u030A",
        ['\u1E9A'] = "A\u02BE", ['\uFB00'] = "FF", ['\uFB01'] = "FI", ['\uFB02'] = "FL", ['\uFB03'] = "FFI", ['\uFB04'] = "FFL",
        ['\uFB05'] = "ST", ['\uFB06'] = "ST",
    };

    public static string ToUpper(string text)
    {
        var upper = text.ToUpperInvariant();
        if (!text.Any(UpperExpansions.ContainsKey))
        {
            return upper;
        }

        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            builder.Append(UpperExpansions.TryGetValue(text[i], out var expansion) ? expansion : upper[i].ToString());
        }

        return builder.ToString();
    }

    public static string ToLower(string text)
    {
        var lower = text.ToLowerInvariant();
        if (!text.Contains('\u03A3', StringComparison.Ordinal) && !text.Contains('\u0130', StringComparison.Ordinal))
        {
            return lower;
        }

        var builder = new StringBuilder(text.Length + 2);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u0130')
            {
                builder.Append("i\u0307");
            }
            else if (text[i] == '\u03A3' && IsFinalSigma(text, i))
            {
                builder.Append('\u03C2');
            }
            else
            {
                builder.Append(lower[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>A capital sigma preceded by a letter and not followed by one ends a word: it lowers to ς.</summary>
    private static bool IsFinalSigma(string text, int index) =>
        index > 0 && char.IsLetter(text[index - 1]) && (index + 1 >= text.Length || !char.IsLetter(text[index + 1]));
}
