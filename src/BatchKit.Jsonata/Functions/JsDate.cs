namespace BatchKit.Jsonata.Functions;

/// <summary>
/// JavaScript's UTC date arithmetic on epoch milliseconds (https://tc39.es/ecma262/#sec-date-objects): Date.UTC with
/// its month and day overflow and its 0-99 year rule, and the UTC fields of a time value. Works for any year.
/// </summary>
internal static class JsDate
{
    public const double MillisPerDay = 86_400_000;

    /// <summary>Date.UTC(year, month0, day, hours, minutes, seconds, millis); NaN in, NaN out. Years 0-99 are 1900-1999.</summary>
    public static double Utc(double year, double month, double day = 1, double hours = 0, double minutes = 0, double seconds = 0,
        double millis = 0)
    {
        var y = Math.Truncate(year);
        return UtcExact(y is >= 0 and <= 99 ? y + 1900 : year, month, day, hours, minutes, seconds, millis);
    }

    /// <summary>MakeDate(MakeDay(..), MakeTime(..)) without Date.UTC's two-digit year rule.</summary>
    public static double UtcExact(double year, double month, double day, double hours, double minutes, double seconds, double millis)
    {
        if (double.IsNaN(year) || double.IsNaN(month) || double.IsNaN(day) || double.IsNaN(hours) || double.IsNaN(minutes)
            || double.IsNaN(seconds) || double.IsNaN(millis))
        {
            return double.NaN;
        }

        var y = Math.Truncate(year);
        var m = Math.Truncate(month);
        var ym = y + Math.Floor(m / 12);
        var mn = ((m % 12) + 12) % 12;
        var days = DaysFromCivil((long)ym, (int)mn + 1, 1) + Math.Truncate(day) - 1;
        var time = (Math.Truncate(hours) * 3_600_000) + (Math.Truncate(minutes) * 60_000) + (Math.Truncate(seconds) * 1000) + Math.Truncate(millis);
        return (days * MillisPerDay) + time;
    }

    /// <summary>TimeClip: a time value beyond ±8.64e15 ms (or NaN) is an Invalid Date.</summary>
    public static bool IsValid(double millis) => !double.IsNaN(millis) && Math.Abs(millis) <= 8.64e15;

    /// <summary>The UTC fields of a time value (month zero-based, weekday 0 = Sunday).</summary>
    public static DateFields Fields(double millis)
    {
        var days = Math.Floor(millis / MillisPerDay);
        var inDay = millis - (days * MillisPerDay);
        var (year, month, day) = CivilFromDays((long)days);
        var weekday = (int)((((long)days % 7) + 11) % 7); // 1970-01-01 was a Thursday
        var ms = (long)inDay;
        return new DateFields(year, month - 1, day, (int)(ms / 3_600_000), (int)(ms / 60_000 % 60), (int)(ms / 1000 % 60), (int)(ms % 1000),
            weekday);
    }

    private static double DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yoe = year - (era * 400);
        var doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var doe = days - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var year = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (month <= 2 ? year + 1 : year, month, day);
    }
}
