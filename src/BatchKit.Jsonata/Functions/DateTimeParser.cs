using System.Text.RegularExpressions;

namespace BatchKit.Jsonata.Functions;

/// <summary>
/// $toMillis with a picture: matches the timestamp against the picture's components, then fills in what is
/// missing as the reference does (more significant parts from now, less significant ones as zero; a gap is D3136).
/// </summary>
internal static class DateTimeParser
{
    // Which components make up a date (Y X M x W w d D) or a time (P H h m s f), as bit masks.
    private const int DateA = 161;
    private const int DateB = 130;
    private const int DateC = 84;
    private const int DateD = 72;
    private const int TimeA = 23;
    private const int TimeB = 47;

    public static object? Parse(string timestamp, string picture, double now)
    {
        var matchers = DateTimePicture.Analyse(picture).Parts.Select(PictureMatcher.ForPart).ToList();
        var regex = "^" + string.Concat(matchers.Select(m => "(" + m.Pattern + ")")) + "$";
        var match = Regex.Match(timestamp, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            return null;
        }

        var components = new Dictionary<char, double>();
        for (var i = 0; i < matchers.Count; i++)
        {
            if (matchers[i].Component != '\0')
            {
                components[matchers[i].Component] = matchers[i].Parse(match.Groups[i + 1].Value);
            }
        }

        if (components.Count == 0)
        {
            return null;
        }

        return Assemble(components, now);
    }

    private static double Assemble(Dictionary<char, double> components, double now)
    {
        var dateMask = Mask(components, "YXMxWwdD");
        var dateA = IsType(DateA, dateMask);
        var dateB = !dateA && IsType(DateB, dateMask);
        var dateC = IsType(DateC, dateMask);
        var dateD = !dateC && IsType(DateD, dateMask);
        var timeMask = Mask(components, "PHhmsf");
        var timeA = IsType(TimeA, timeMask);
        var timeB = !timeA && IsType(TimeB, timeMask);

        // 'YD' for day-of-year dates, as the reference has it
        var dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD";
        var timeComponents = timeB ? "Phmsf" : "Hmsf";
        FillIn(components, dateComponents + timeComponents, now);

        var month = components.GetValueOrDefault('M') > 0 ? components['M'] - 1 : 0;
        var day = components.GetValueOrDefault('D', double.NaN);
        if (dateB)
        {
            var derived = JsDate.Fields(JsDate.Utc(components['Y'], 0) + ((components['d'] - 1) * JsDate.MillisPerDay));
            month = derived.Month;
            day = derived.Day;
        }

        if (dateC || dateD)
        {
            throw new JsonataException("D3136"); // week-based dates cannot be parsed (as in the reference)
        }

        var hours = components.GetValueOrDefault('H');
        if (timeB)
        {
            hours = components['h'] == 12 ? 0 : components['h'];
            if (components.GetValueOrDefault('P') == 1)
            {
                hours += 12;
            }
        }

        var millis = JsDate.Utc(components['Y'], month, day, hours, components['m'], components['s'], components['f']);
        var zone = components.TryGetValue('Z', out var z) && z != 0 ? z : components.GetValueOrDefault('z');
        return zone != 0 && !double.IsNaN(zone) ? millis - (zone * 60 * 1000) : millis;
    }

    /// <summary>One bit per component, set when its parsed value is truthy (a zero counts as absent, as in the reference).</summary>
    private static int Mask(Dictionary<char, double> components, string order)
    {
        var mask = 0;
        foreach (var component in order)
        {
            mask <<= 1;
            mask += components.TryGetValue(component, out var v) && v != 0 && !double.IsNaN(v) ? 1 : 0;
        }

        return mask;
    }

    private static bool IsType(int type, int mask) => (~type & mask) == 0 && (type & mask) != 0;

    private static void FillIn(Dictionary<char, double> components, string order, double now)
    {
        var startSpecified = false;
        var endSpecified = false;
        foreach (var part in order)
        {
            if (!components.ContainsKey(part))
            {
                if (startSpecified)
                {
                    components[part] = "MDd".Contains(part, StringComparison.Ordinal) ? 1 : 0;
                    endSpecified = true;
                }
                else
                {
                    components[part] = DateTimeFormatter.Fragment(now, part) is double value ? value : double.NaN;
                }
            }
            else
            {
                startSpecified = true;
                if (endSpecified)
                {
                    throw new JsonataException("D3136");
                }
            }
        }
    }
}
