using System.Globalization;
using System.Text;
using BatchKit.Jsonata.Evaluation;
using BatchKit.Jsonata.Values;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// $formatNumber: XPath F&amp;O 3.1 fn:format-number (https://www.w3.org/TR/xpath-functions-31/#func-format-number,
/// https://docs.jsonata.org/numeric-functions#formatnumber), with the reference's picture analysis and errors D308x.
/// </summary>
internal static partial class NumberFormatter
{
    public static object? FormatNumber(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not double value)
        {
            return null;
        }

        var properties = new DecimalFormat(Arg(args, 2) as JsonataObject);
        var subPictures = IntegerFormatter.Picture(args).Split(properties.PatternSeparator);
        if (subPictures.Length > 2)
        {
            throw new JsonataException("D3080");
        }

        var parts = subPictures.Select(p => SplitParts(p, properties)).ToList();
        parts.ForEach(p => Validate(p, properties));
        var variables = parts.Select(p => Analyse(p, properties)).ToList();
        if (variables.Count == 1)
        {
            variables.Add(variables[0] with { Prefix = properties.MinusSign + variables[0].Prefix });
        }

        var picture = value >= 0 ? variables[0] : variables[1];
        return Format(value, picture, properties);
    }

    private static string Format(double value, PictureAnalysis pic, DecimalFormat properties)
    {
        var adjusted = pic.Picture.Contains(properties.Percent, StringComparison.Ordinal) ? value * 100
            : pic.Picture.Contains(properties.PerMille, StringComparison.Ordinal) ? value * 1000
            : value;
        var mantissa = adjusted;
        int? exponent = null;
        if (pic.MinimumExponentSize != 0)
        {
            (mantissa, exponent) = Scale(adjusted, pic.ScalingFactor);
        }

        var rounded = NumericFunctions.RoundHalfEven(mantissa, pic.MaximumFractionalPartSize);
        var text = Digits(rounded, pic.MaximumFractionalPartSize, properties);
        text = text.Contains('.', StringComparison.Ordinal) ? text.Replace(".", properties.DecimalSeparator, StringComparison.Ordinal)
            : text + properties.DecimalSeparator;
        while (text.StartsWith(properties.ZeroDigit, StringComparison.Ordinal))
        {
            text = text[properties.ZeroDigit.Length..];
        }

        while (text.EndsWith(properties.ZeroDigit, StringComparison.Ordinal))
        {
            text = text[..^properties.ZeroDigit.Length];
        }

        text = Pad(text, pic, properties);
        text = Group(text, pic, properties);
        var decimalPosition = text.IndexOf(properties.DecimalSeparator, StringComparison.Ordinal);
        if (!pic.Picture.Contains(properties.DecimalSeparator, StringComparison.Ordinal) || decimalPosition == text.Length - 1)
        {
            text = text[..^1];
        }

        if (exponent is { } e)
        {
            var exponentText = Digits(e, 0, properties);
            var padLeft = pic.MinimumExponentSize - exponentText.Length;
            if (padLeft > 0)
            {
                exponentText = Repeat(properties.ZeroDigit, padLeft) + exponentText;
            }

            text = text + properties.ExponentSeparator + (e < 0 ? properties.MinusSign : "") + exponentText;
        }

        return pic.Prefix + text + pic.Suffix;
    }

    /// <summary>mantissa * 10^exponent = value, the mantissa within the scaling factor's digits (zero stays zero).</summary>
    private static (double Mantissa, int Exponent) Scale(double value, int scalingFactor)
    {
        var max = Math.Pow(10, scalingFactor);
        var min = Math.Pow(10, scalingFactor - 1);
        var mantissa = value;
        var exponent = 0;
        if (mantissa != 0)
        {
            while (Math.Abs(mantissa) < min)
            {
                mantissa *= 10;
                exponent--;
            }

            while (Math.Abs(mantissa) > max)
            {
                mantissa /= 10;
                exponent++;
            }
        }

        return (mantissa, exponent);
    }

    private static string Pad(string text, PictureAnalysis pic, DecimalFormat properties)
    {
        var decimalPosition = text.IndexOf(properties.DecimalSeparator, StringComparison.Ordinal);
        var padLeft = pic.MinimumIntegerPartSize - decimalPosition;
        var padRight = pic.MinimumFractionalPartSize - (text.Length - decimalPosition - 1);
        return (padLeft > 0 ? Repeat(properties.ZeroDigit, padLeft) : "") + text + (padRight > 0 ? Repeat(properties.ZeroDigit, padRight) : "");
    }

    private static string Group(string text, PictureAnalysis pic, DecimalFormat properties)
    {
        var separator = properties.GroupingSeparator;
        var decimalPosition = text.IndexOf(properties.DecimalSeparator, StringComparison.Ordinal);
        if (pic.RegularGrouping > 0)
        {
            var groupCount = (int)Math.Floor((decimalPosition - 1) / (double)pic.RegularGrouping);
            for (var group = 1; group <= groupCount; group++)
            {
                text = Insert(text, decimalPosition - (group * pic.RegularGrouping), separator);
            }
        }
        else
        {
            foreach (var position in pic.IntegerPartGroupingPositions)
            {
                text = Insert(text, decimalPosition - position, separator);
                decimalPosition++;
            }
        }

        decimalPosition = text.IndexOf(properties.DecimalSeparator, StringComparison.Ordinal);
        foreach (var position in pic.FractionalPartGroupingPositions)
        {
            text = Insert(text, position + decimalPosition + 1, separator);
        }

        return text;
    }

    /// <summary>Array.prototype.slice-style insertion: offsets past either end are clamped.</summary>
    private static string Insert(string text, int index, string value)
    {
        var at = index < 0 ? Math.Max(text.Length + index, 0) : Math.Min(index, text.Length);
        return text[..at] + value + text[at..];
    }

    /// <summary>Math.abs(value).toFixed(places) in the decimal digit family of the zero-digit.</summary>
    private static string Digits(double value, int places, DecimalFormat properties)
    {
        var text = ToFixed(Math.Abs(value), places);
        if (properties.ZeroDigit == "0")
        {
            return text;
        }

        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c is >= '0' and <= '9' ? properties.DigitFamily[c - '0'] : c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Number.prototype.toFixed: the exact value rounded to <paramref name="places"/>; exponent form from 1e21.</summary>
    public static string ToFixed(double value, int places)
    {
        if (Math.Abs(value) >= 1e21 || !double.IsFinite(value))
        {
            return JsNumber.ToString(value);
        }

        return ExactDecimal.ToFixed(value == 0 ? 0 : value, places);
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
