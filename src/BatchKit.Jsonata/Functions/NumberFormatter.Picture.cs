using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Functions;

/// <summary>The picture string of $formatNumber: its parts (F&amp;O 4.7.3), validation and analysis (4.7.4).</summary>
internal static partial class NumberFormatter
{
    private sealed record PictureParts(
        string Prefix, string Suffix, string ActivePart, string MantissaPart, string? ExponentPart, string IntegerPart, string FractionalPart,
        string SubPicture);

    private sealed record PictureAnalysis(
        List<int> IntegerPartGroupingPositions, int RegularGrouping, int MinimumIntegerPartSize, int ScalingFactor, string Prefix,
        List<int> FractionalPartGroupingPositions, int MinimumFractionalPartSize, int MaximumFractionalPartSize, int MinimumExponentSize,
        string Suffix, string Picture);

    private static PictureParts SplitParts(string subPicture, DecimalFormat properties)
    {
        var prefix = "";
        for (var i = 0; i < subPicture.Length; i++)
        {
            if (properties.IsActive(subPicture[i]) && subPicture[i].ToString() != properties.ExponentSeparator)
            {
                prefix = subPicture[..i];
                break;
            }
        }

        var suffix = "";
        for (var i = subPicture.Length - 1; i >= 0; i--)
        {
            if (properties.IsActive(subPicture[i]) && subPicture[i].ToString() != properties.ExponentSeparator)
            {
                suffix = subPicture[(i + 1)..];
                break;
            }
        }

        var activePart = subPicture[prefix.Length..(subPicture.Length - suffix.Length)];
        var exponentPosition = subPicture.IndexOf(properties.ExponentSeparator, prefix.Length, StringComparison.Ordinal);
        string mantissaPart;
        string? exponentPart;
        if (exponentPosition == -1 || exponentPosition > subPicture.Length - suffix.Length)
        {
            mantissaPart = activePart;
            exponentPart = null;
        }
        else
        {
            // offsets into the sub-picture applied to the active part, exactly as the reference does
            mantissaPart = JsSubstring(activePart, 0, exponentPosition);
            exponentPart = JsSubstring(activePart, exponentPosition + 1, activePart.Length);
        }

        var decimalPosition = mantissaPart.IndexOf(properties.DecimalSeparator, StringComparison.Ordinal);
        var integerPart = decimalPosition == -1 ? mantissaPart : mantissaPart[..decimalPosition];
        var fractionalPart = decimalPosition == -1 ? suffix : mantissaPart[(decimalPosition + 1)..];
        return new PictureParts(prefix, suffix, activePart, mantissaPart, exponentPart, integerPart, fractionalPart, subPicture);
    }

    private static string JsSubstring(string text, int start, int end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, 0, text.Length);
        return start <= end ? text[start..end] : text[end..start];
    }

    private static void Validate(PictureParts parts, DecimalFormat p)
    {
        string? error = null;
        var sub = parts.SubPicture;
        var decimalPosition = sub.IndexOf(p.DecimalSeparator, StringComparison.Ordinal);
        if (decimalPosition != sub.LastIndexOf(p.DecimalSeparator, StringComparison.Ordinal))
        {
            error = "D3081";
        }

        if (sub.IndexOf(p.Percent, StringComparison.Ordinal) != sub.LastIndexOf(p.Percent, StringComparison.Ordinal))
        {
            error = "D3082";
        }

        if (sub.IndexOf(p.PerMille, StringComparison.Ordinal) != sub.LastIndexOf(p.PerMille, StringComparison.Ordinal))
        {
            error = "D3083";
        }

        if (sub.Contains(p.Percent, StringComparison.Ordinal) && sub.Contains(p.PerMille, StringComparison.Ordinal))
        {
            error = "D3084";
        }

        if (!parts.MantissaPart.Any(c => p.IsDigitFamily(c) || c.ToString() == p.Digit))
        {
            error = "D3085";
        }

        if (parts.ActivePart.Any(c => !p.IsActive(c)))
        {
            error = "D3086";
        }

        error = ValidateGrouping(parts, p, decimalPosition) ?? error;
        error = ValidateExponent(parts, p) ?? error;
        if (error is not null)
        {
            throw new JsonataException(error);
        }
    }

    private static string? ValidateGrouping(PictureParts parts, DecimalFormat p, int decimalPosition)
    {
        string? error = null;
        var sub = parts.SubPicture;
        if (decimalPosition != -1)
        {
            if (At(sub, decimalPosition - 1) == p.GroupingSeparator || At(sub, decimalPosition + 1) == p.GroupingSeparator)
            {
                error = "D3087";
            }
        }
        else if (At(parts.IntegerPart, parts.IntegerPart.Length - 1) == p.GroupingSeparator)
        {
            error = "D3088";
        }

        if (sub.Contains(p.GroupingSeparator + p.GroupingSeparator, StringComparison.Ordinal))
        {
            error = "D3089";
        }

        var optional = parts.IntegerPart.IndexOf(p.Digit, StringComparison.Ordinal);
        if (optional != -1 && parts.IntegerPart[..optional].Any(p.IsDigitFamily))
        {
            error = "D3090";
        }

        optional = parts.FractionalPart.LastIndexOf(p.Digit, StringComparison.Ordinal);
        if (optional != -1 && parts.FractionalPart[optional..].Any(p.IsDigitFamily))
        {
            error = "D3091";
        }

        return error;
    }

    private static string? ValidateExponent(PictureParts parts, DecimalFormat p)
    {
        string? error = null;
        var sub = parts.SubPicture;
        if (parts.ExponentPart is { Length: > 0 }
            && (sub.Contains(p.Percent, StringComparison.Ordinal) || sub.Contains(p.PerMille, StringComparison.Ordinal)))
        {
            error = "D3092";
        }

        if (parts.ExponentPart is { } exponent && (exponent.Length == 0 || exponent.Any(c => !p.IsDigitFamily(c))))
        {
            error = "D3093";
        }

        return error;
    }

    private static string At(string text, int index) => index >= 0 && index < text.Length ? text[index].ToString() : "";

    private static PictureAnalysis Analyse(PictureParts parts, DecimalFormat p)
    {
        var integerGrouping = GroupingPositions(parts.IntegerPart, parts, p, toLeft: false);
        var fractionalGrouping = GroupingPositions(parts.FractionalPart, parts, p, toLeft: true);
        var minimumInteger = parts.IntegerPart.Count(p.IsDigitFamily);
        var scalingFactor = minimumInteger;
        var minimumFractional = parts.FractionalPart.Count(p.IsDigitFamily);
        var maximumFractional = parts.FractionalPart.Count(c => p.IsDigitFamily(c) || c.ToString() == p.Digit);
        var exponentPresent = parts.ExponentPart is not null;
        if (minimumInteger == 0 && maximumFractional == 0)
        {
            if (exponentPresent)
            {
                minimumFractional = 1;
                maximumFractional = 1;
            }
            else
            {
                minimumInteger = 1;
            }
        }

        if (exponentPresent && minimumInteger == 0 && parts.IntegerPart.Contains(p.Digit, StringComparison.Ordinal))
        {
            minimumInteger = 1;
        }

        if (minimumInteger == 0 && minimumFractional == 0)
        {
            minimumFractional = 1;
        }

        var minimumExponent = exponentPresent ? parts.ExponentPart!.Count(p.IsDigitFamily) : 0;
        return new PictureAnalysis(integerGrouping, Regular(integerGrouping), minimumInteger, scalingFactor, parts.Prefix,
            fractionalGrouping, minimumFractional, maximumFractional, minimumExponent, parts.Suffix, parts.SubPicture);
    }

    private static List<int> GroupingPositions(string part, PictureParts parts, DecimalFormat p, bool toLeft)
    {
        var positions = new List<int>();
        var position = part.IndexOf(p.GroupingSeparator, StringComparison.Ordinal);
        while (position != -1)
        {
            var side = toLeft ? part[..Math.Min(position, part.Length)] : part[Math.Min(position, part.Length)..];
            positions.Add(side.Count(c => p.IsDigitFamily(c) || c.ToString() == p.Digit));
            position = position + 1 > parts.IntegerPart.Length ? -1
                : parts.IntegerPart.IndexOf(p.GroupingSeparator, position + 1, StringComparison.Ordinal);
        }

        return positions;
    }

    /// <summary>The common interval of the grouping positions if they are all its multiples, else 0.</summary>
    public static int Regular(List<int> positions)
    {
        if (positions.Count == 0)
        {
            return 0;
        }

        var factor = positions.Aggregate(Gcd);
        for (var index = 1; index <= positions.Count; index++)
        {
            if (!positions.Contains(index * factor))
            {
                return 0;
            }
        }

        return factor;

        static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
    }

    /// <summary>The decimal format properties: the F&amp;O defaults, overridden by $formatNumber's options object.</summary>
    private sealed class DecimalFormat
    {
        public DecimalFormat(JsonataObject? options)
        {
            string Get(string name, string fallback) => options?[name] as string ?? fallback;
            DecimalSeparator = Get("decimal-separator", ".");
            GroupingSeparator = Get("grouping-separator", ",");
            ExponentSeparator = Get("exponent-separator", "e");
            MinusSign = Get("minus-sign", "-");
            Percent = Get("percent", "%");
            PerMille = Get("per-mille", "\u2030");
            ZeroDigit = Get("zero-digit", "0");
            Digit = Get("digit", "#");
            PatternSeparator = Get("pattern-separator", ";");
            DigitFamily = [.. Enumerable.Range(ZeroDigit[0], 10).Select(c => ((char)c).ToString())];
        }

        public string DecimalSeparator { get; }

        public string GroupingSeparator { get; }

        public string ExponentSeparator { get; }

        public string MinusSign { get; }

        public string Percent { get; }

        public string PerMille { get; }

        public string ZeroDigit { get; }

        public string Digit { get; }

        public string PatternSeparator { get; }

        public string[] DigitFamily { get; }

        public bool IsDigitFamily(char c) => c >= ZeroDigit[0] && c < ZeroDigit[0] + 10;

        public bool IsActive(char c)
        {
            var s = c.ToString();
            return IsDigitFamily(c) || s == DecimalSeparator || s == ExponentSeparator || s == GroupingSeparator || s == Digit
                || s == PatternSeparator;
        }
    }
}
