using System.Globalization;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// EventBridge's six-field cron (minutes hours day-of-month month day-of-week year, in UTC; one of the two day fields is
/// <c>?</c>; days of the week 1-7 are SUN-SAT). Values, ranges, lists, steps and names; L, W and # are refused by name
/// rather than misread. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions
/// </summary>
internal sealed class CronSchedule : ScheduleExpression
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private readonly HashSet<int> _minutes, _hours, _months, _years;
    private readonly HashSet<int>? _daysOfMonth, _daysOfWeek;

    private CronSchedule(string[] fields)
    {
        _minutes = Field(fields[0], 0, 59, null, "minutes");
        _hours = Field(fields[1], 0, 23, null, "hours");
        _daysOfMonth = fields[2] == "?" ? null : Field(fields[2], 1, 31, null, "day-of-month");
        _months = Field(fields[3], 1, 12, Months, "month");
        _daysOfWeek = fields[4] == "?" ? null : Field(fields[4], 1, 7, Days, "day-of-week");
        _years = Field(fields[5], 1970, 2199, null, "year");
        if ((_daysOfMonth is null) == (_daysOfWeek is null))
        {
            throw EventBridgeErrors.Validation("Parameter ScheduleExpression is not valid: exactly one of day-of-month and day-of-week must be '?'.");
        }
    }

    public static CronSchedule FromFields(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 6 ? new CronSchedule(fields)
            : throw EventBridgeErrors.Validation("Parameter ScheduleExpression is not valid: cron takes six fields.");
    }

    /// <summary>Walks day by day (at most five years), then the hours and minutes of a matching day.</summary>
    public override DateTimeOffset Next(DateTimeOffset after)
    {
        var start = new DateTimeOffset(after.UtcDateTime.Ticks - (after.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        for (var day = start.Date; day < start.Date.AddYears(5); day = day.AddDays(1))
        {
            if (!_years.Contains(day.Year) || !_months.Contains(day.Month) || !DayMatches(day))
            {
                continue;
            }

            foreach (var hour in _hours.Order())
            {
                foreach (var minute in _minutes.Order())
                {
                    var candidate = new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, 0, TimeSpan.Zero);
                    if (candidate >= start)
                    {
                        return candidate;
                    }
                }
            }
        }

        return DateTimeOffset.MaxValue;
    }

    private bool DayMatches(DateTime day) =>
        _daysOfMonth?.Contains(day.Day) ?? _daysOfWeek!.Contains((int)day.DayOfWeek + 1);

    private static HashSet<int> Field(string text, int min, int max, string[]? names, string field)
    {
        if (text.Split(',').Any(p => p.Contains('#') || p is "L" or "LW" || (p.Length > 1 && p[^1] is 'L' or 'W' && char.IsDigit(p[^2]))))
        {
            throw EventBridgeErrors.Validation($"Parameter ScheduleExpression is not valid: BatchKit does not emulate L, W or # (in the {field} field " +
                $"'{text}').");
        }

        var values = new HashSet<int>();
        foreach (var part in text.Split(','))
        {
            var (range, step) = part.Split('/') is [var r, var s] ? (r, Number(s, null, field)) : (part, 1);
            var (low, high) = range is "*" or "?" ? (min, max)
                : range.Split('-') is [var a, var b] ? (Number(a, names, field), Number(b, names, field))
                : (Number(range, names, field), part.Contains('/') ? max : Number(range, names, field));
            if (low < min || high > max || low > high || step < 1)
            {
                throw EventBridgeErrors.Validation($"Parameter ScheduleExpression is not valid: '{text}' is outside {min}-{max} in the {field} field.");
            }

            for (var v = low; v <= high; v += step)
            {
                values.Add(v);
            }
        }

        return values;
    }

    private static int Number(string text, string[]? names, string field)
    {
        var index = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        if (index >= 0)
        {
            return index + 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw EventBridgeErrors.Validation($"Parameter ScheduleExpression is not valid: '{text}' in the {field} field.");
    }
}
