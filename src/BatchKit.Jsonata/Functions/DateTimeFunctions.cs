using System.Globalization;
using System.Text.RegularExpressions;
using BatchKit.Jsonata.Evaluation;
using static BatchKit.Jsonata.Functions.BuiltInFunctions;

namespace BatchKit.Jsonata.Functions;

/// <summary>$now, $millis, $fromMillis, $toMillis (https://docs.jsonata.org/date-time-functions).</summary>
internal static partial class DateTimeFunctions
{
    public static object? Now(NativeCall call, object?[] args) =>
        DateTimeFormatter.Format(call.Environment.Context.Timestamp.ToUnixTimeMilliseconds(), Arg(args, 0) as string, Arg(args, 1) as string);

    public static object? Millis(NativeCall call, object?[] args) => (double)call.Environment.Context.Timestamp.ToUnixTimeMilliseconds();

    public static object? FromMillis(NativeCall call, object?[] args) =>
        Arg(args, 0) is double millis ? DateTimeFormatter.Format(millis, Arg(args, 1) as string, Arg(args, 2) as string) : null;

    public static object? ToMillis(NativeCall call, object?[] args)
    {
        if (Arg(args, 0) is not string timestamp)
        {
            return null;
        }

        if (Arg(args, 1) is string picture)
        {
            return DateTimeParser.Parse(timestamp, picture, call.Environment.Context.Timestamp.ToUnixTimeMilliseconds());
        }

        var match = Iso8601().Match(timestamp);
        if (!match.Success)
        {
            throw new JsonataException("D3110") { Value = timestamp };
        }

        return ParseIso(match);
    }

    /// <summary>Date.parse of the ISO 8601 forms the pattern admits; no offset means UTC.</summary>
    private static double ParseIso(Match match)
    {
        double Number(Group g, int from, int length) =>
            g.Success ? double.Parse(g.Value.AsSpan(from, length), CultureInfo.InvariantCulture) : double.NaN;

        var year = double.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = match.Groups["mo"].Success ? Number(match.Groups["mo"], 1, 2) : 1;
        var day = match.Groups["d"].Success ? Number(match.Groups["d"], 1, 2) : 1;
        double hours = 0, minutes = 0, seconds = 0, millis = 0;
        if (match.Groups["t"].Success)
        {
            var t = match.Groups["t"].Value;
            hours = double.Parse(t.AsSpan(1, 2), CultureInfo.InvariantCulture);
            minutes = double.Parse(t.AsSpan(4, 2), CultureInfo.InvariantCulture);
            seconds = double.Parse(t.AsSpan(7, 2), CultureInfo.InvariantCulture);
        }
        else if (match.Groups["f"].Success || match.Groups["z"].Value is { Length: > 1 })
        {
            return double.NaN; // a fraction or an offset needs a time (V8 accepts a bare Z)
        }

        if (match.Groups["f"].Success)
        {
            var fraction = match.Groups["f"].Value[1..];
            millis = double.Parse(fraction.Length > 3 ? fraction[..3] : fraction.PadRight(3, '0'), CultureInfo.InvariantCulture);
        }

        if (month is < 1 or > 12 || day is < 1 or > 31 || hours > 24 || (hours == 24 && (minutes > 0 || seconds > 0 || millis > 0)))
        {
            return double.NaN;
        }

        return JsDate.UtcExact(year, month - 1, day, hours, minutes, seconds, millis) - ZoneOffset(match.Groups["z"]);
    }

    private static double ZoneOffset(Group zone)
    {
        if (!zone.Success || zone.Value == "Z")
        {
            return 0;
        }

        var text = zone.Value.Replace(":", "", StringComparison.Ordinal);
        var sign = text[0] == '-' ? -1 : 1;
        var hours = double.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        if (hours > 23)
        {
            return double.NaN;
        }

        var minutes = double.Parse(text.AsSpan(3, 2), CultureInfo.InvariantCulture);
        return sign * ((hours * 60) + minutes) * 60_000;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?<mo>-[01]\d)?(?<d>-[0-3]\d)?(?<t>T[0-2]\d:[0-5]\d:[0-5]\d)?(?<f>\.\d+)?(?<z>[+-][0-2]\d:?[0-5]\d|Z)?$")]
    private static partial Regex Iso8601();
}
