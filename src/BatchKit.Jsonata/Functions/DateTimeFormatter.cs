using System.Globalization;
using System.Text;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// Formats epoch milliseconds with an XPath date/time picture (fn:format-dateTime,
/// https://www.w3.org/TR/xpath-functions-31/#rules-for-datetime-formatting); ISO 8601 when there is no picture.
/// </summary>
internal static class DateTimeFormatter
{
    public static readonly string[] Days = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly DateTimePicture Iso8601 = DateTimePicture.Analyse("[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]");

    public static string Format(double millis, string? picture, string? timezone)
    {
        double offsetHours = 0, offsetMinutes = 0;
        if (timezone is not null)
        {
            var offset = ParseIntLike(timezone);
            offsetHours = Math.Floor(offset / 100);
            offsetMinutes = offset % 100;
        }

        var spec = picture is null ? Iso8601 : DateTimePicture.Analyse(picture);
        var date = Math.Truncate(millis + (((60 * offsetHours) + offsetMinutes) * 60 * 1000));
        var result = new StringBuilder();
        foreach (var part in spec.Parts)
        {
            result.Append(part.IsLiteral ? part.LiteralText : Component(date, part, offsetHours, offsetMinutes));
        }

        return result.ToString();
    }

    private static string Component(double date, PicturePart part, double offsetHours, double offsetMinutes)
    {
        var value = Fragment(date, part.Component);
        if ("YMDdFWwXxHhms".Contains(part.Component, StringComparison.Ordinal))
        {
            var number = (double)value!;
            if (part.Component == 'Y' && part.YearDigits != -1)
            {
                number %= Math.Pow(10, part.YearDigits);
            }

            return part.Names is { } names ? Name(part, number, names) : IntegerFormatter.Format(number, part.IntegerFormat!);
        }

        return part.Component switch
        {
            'f' => IntegerFormatter.Format((double)value!, part.IntegerFormat
                ?? throw new JsonataException("D3133") { Value = "f" }),
            'Z' or 'z' => TimeZone(part, offsetHours, offsetMinutes),
            'P' when part.Names == LetterCase.Upper => ((string)value!).ToUpperInvariant(),
            _ => value switch { null => "undefined", string s => s, double d => Values.JsNumber.ToString(d), _ => "" },
        };
    }

    private static string Name(PicturePart part, double number, LetterCase names)
    {
        if (double.IsNaN(number))
        {
            return "undefined";
        }

        var name = part.Component switch
        {
            'M' or 'x' => Months[(int)number - 1],
            'F' => Days[(int)number],
            _ => throw new JsonataException("D3133") { Value = part.Component.ToString() },
        };
        name = names switch { LetterCase.Upper => name.ToUpperInvariant(), LetterCase.Lower => name.ToLowerInvariant(), _ => name };
        return part.MaxWidth is { } max && name.Length > max ? name[..max] : name;
    }

    private static string TimeZone(PicturePart part, double offsetHours, double offsetMinutes)
    {
        var offset = (offsetHours * 100) + offsetMinutes;
        var format = part.IntegerFormat!;
        string text;
        if (format.RegularInterval > 0)
        {
            text = IntegerFormatter.Format(offset, format);
        }
        else if (format.MandatoryDigits is 1 or 2)
        {
            text = IntegerFormatter.Format(offsetHours, format);
            if (offsetMinutes != 0)
            {
                text += ":" + IntegerFormatter.Format(Math.Floor(offsetMinutes), IntegerPicture.Analyse("00"));
            }
        }
        else if (format.MandatoryDigits is 3 or 4)
        {
            text = IntegerFormatter.Format(offset, format);
        }
        else
        {
            throw new JsonataException("D3134") { Value = (double)format.MandatoryDigits };
        }

        if (offset >= 0)
        {
            text = "+" + text;
        }

        if (part.Component == 'z')
        {
            text = "GMT" + text;
        }

        return offset == 0 && part.Presentation2 == 't' ? "Z" : text;
    }

    /// <summary>The value of one component of a date (epoch millis, already shifted to the wanted offset).</summary>
    public static object? Fragment(double date, char component)
    {
        if (!JsDate.IsValid(date))
        {
            // an Invalid Date: every field is NaN, as JavaScript's getters return
            return component switch { 'P' => "am", 'C' or 'E' => "ISO", 'Z' or 'z' => null, _ => double.NaN };
        }

        var f = JsDate.Fields(date);
        return component switch
        {
            'Y' => (double)f.Year,
            'M' => (double)(f.Month + 1),
            'D' => (double)f.Day,
            'd' => ((JsDate.Utc(f.Year, f.Month, f.Day) - JsDate.Utc(f.Year, 0)) / JsDate.MillisPerDay) + 1,
            'F' => (double)(f.Weekday == 0 ? 7 : f.Weekday),
            'W' => WeekInYear(f),
            'w' => WeekInMonth(f),
            'X' => IsoWeekYear(date, f),
            'x' => IsoWeekMonth(date, f),
            'H' => (double)f.Hours,
            'h' => (double)(f.Hours % 12 == 0 ? 12 : f.Hours % 12),
            'P' => f.Hours >= 12 ? "pm" : "am",
            'm' => (double)f.Minutes,
            's' => (double)f.Seconds,
            'f' => (double)f.Millis,
            'C' or 'E' => "ISO",
            _ => null,
        };
    }

    /// <summary>Monday of week 1 of a year or month: the week holding its first Thursday (ISO 8601).</summary>
    private static double StartOfFirstWeek(double year, double month)
    {
        var first = JsDate.Utc(year, month);
        var weekday = JsDate.Fields(first).Weekday;
        if (weekday == 0)
        {
            weekday = 7;
        }

        return weekday > 4 ? first + ((8 - weekday) * JsDate.MillisPerDay) : first - ((weekday - 1) * JsDate.MillisPerDay);
    }

    private static double DeltaWeeks(double start, double end) => ((end - start) / (JsDate.MillisPerDay * 7)) + 1;

    private static double WeekInYear(DateFields f)
    {
        var today = JsDate.Utc(f.Year, f.Month, f.Day);
        var week = DeltaWeeks(StartOfFirstWeek(f.Year, 0), today);
        if (week > 52)
        {
            if (today >= StartOfFirstWeek(f.Year + 1, 0))
            {
                week = 1;
            }
        }
        else if (week < 1)
        {
            week = DeltaWeeks(StartOfFirstWeek(f.Year - 1, 0), today);
        }

        return Math.Floor(week);
    }

    private static double WeekInMonth(DateFields f)
    {
        var today = JsDate.Utc(f.Year, f.Month, f.Day);
        var week = DeltaWeeks(StartOfFirstWeek(f.Year, f.Month), today);
        if (week > 4)
        {
            var (nextYear, nextMonth) = f.Month == 11 ? (f.Year + 1, 0) : (f.Year, f.Month + 1);
            if (today >= StartOfFirstWeek(nextYear, nextMonth))
            {
                week = 1;
            }
        }
        else if (week < 1)
        {
            var (previousYear, previousMonth) = f.Month == 0 ? (f.Year - 1, 11) : (f.Year, f.Month - 1);
            week = DeltaWeeks(StartOfFirstWeek(previousYear, previousMonth), today);
        }

        return Math.Floor(week);
    }

    private static double IsoWeekYear(double date, DateFields f)
    {
        if (date < StartOfFirstWeek(f.Year, 0))
        {
            return f.Year - 1;
        }

        return date >= StartOfFirstWeek(f.Year + 1, 0) ? f.Year + 1 : f.Year;
    }

    private static double IsoWeekMonth(double date, DateFields f)
    {
        var (nextYear, nextMonth) = f.Month == 11 ? (f.Year + 1, 0) : (f.Year, f.Month + 1);
        if (date < StartOfFirstWeek(f.Year, f.Month))
        {
            return (f.Month == 0 ? 11 : f.Month - 1) + 1;
        }

        return date >= StartOfFirstWeek(nextYear, nextMonth) ? nextMonth + 1 : f.Month + 1;
    }

    /// <summary>parseInt(text): leading whitespace, a sign and digits; NaN when there are none.</summary>
    public static double ParseIntLike(string text)
    {
        var trimmed = text.TrimStart();
        var i = 0;
        if (i < trimmed.Length && trimmed[i] is '+' or '-')
        {
            i++;
        }

        var start = i;
        while (i < trimmed.Length && char.IsAsciiDigit(trimmed[i]))
        {
            i++;
        }

        return i == start ? double.NaN : double.Parse(trimmed[..i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
