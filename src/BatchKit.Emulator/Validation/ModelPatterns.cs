using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Validation;

/// <summary>
/// The models' <c>pattern</c> constraints: Java regular expressions that must match the whole value (Java's
/// <c>Matcher.matches()</c>). Java's POSIX classes are translated; a pattern .NET cannot compile is not enforced
/// rather than refusing valid requests; every match runs under a time limit (no pattern can hang a request).
/// https://smithy.io/2.0/spec/constraint-traits.html#pattern-trait
/// </summary>
internal static class ModelPatterns
{
    private static readonly ConcurrentDictionary<string, Regex?> Compiled = new(StringComparer.Ordinal);

    private static readonly (string Java, string DotNet)[] PosixClasses =
    [
        (@"\p{Alnum}", "a-zA-Z0-9"), (@"\p{Alpha}", "a-zA-Z"), (@"\p{Digit}", "0-9"), (@"\p{XDigit}", "0-9a-fA-F"),
        (@"\p{Upper}", "A-Z"), (@"\p{Lower}", "a-z"), (@"\p{Punct}", @"!-/:-@\[-`{-~"), (@"\p{Space}", @" \t\n\x0B\f\r"),
        (@"\p{Blank}", @" \t"), (@"\p{ASCII}", @"\x00-\x7F"), (@"\p{Graph}", @"!-~"), (@"\p{Print}", @" -~"), (@"\p{Cntrl}", @"\x00-\x1F\x7F"),
    ];

    public static bool Matches(string pattern, string value)
    {
        var regex = Compiled.GetOrAdd(pattern, Compile);
        try
        {
            return regex is null || regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return true; // not provable within the limit: let the provider judge the value
        }
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex($@"^(?:{Translate(pattern)})\z", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Java's \p{Alnum} and friends as .NET ranges: bare inside a character class, bracketed outside one.</summary>
    private static string Translate(string pattern)
    {
        var builder = new System.Text.StringBuilder(pattern.Length);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var posix = PosixClasses.FirstOrDefault(p => string.CompareOrdinal(pattern, i, p.Java, 0, p.Java.Length) == 0);
            if (posix.Java is not null)
            {
                builder.Append(inClass ? posix.DotNet : "[" + posix.DotNet + "]");
                i += posix.Java.Length - 1;
                continue;
            }

            var c = pattern[i];
            builder.Append(c);
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(pattern[++i]);
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
        }

        return builder.ToString();
    }
}
