using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// A rule's schedule: <c>rate(5 minutes)</c> (from the rule's creation) or <c>cron(0 12 * * ? *)</c> (UTC), with the
/// next time it fires after a given time. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
/// </summary>
internal abstract partial class ScheduleExpression
{
    public static ScheduleExpression Parse(string text)
    {
        if (RatePattern().Match(text) is { Success: true } rate)
        {
            var value = long.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = rate.Groups[2].Value;
            if (value < 1 || (value == 1) != !unit.EndsWith('s'))
            {
                throw EventBridgeErrors.Validation("Parameter ScheduleExpression is not valid. A rate of 1 takes a singular unit (minute, hour, day), any " +
                    "other a plural one.");
            }

            var period = unit.TrimEnd('s') switch { "minute" => TimeSpan.FromMinutes(value), "hour" => TimeSpan.FromHours(value), _
                => TimeSpan.FromDays(value) };
            return new RateSchedule(period);
        }

        if (CronPattern().Match(text) is { Success: true } cron)
        {
            return CronSchedule.FromFields(cron.Groups[1].Value);
        }

        throw EventBridgeErrors.Validation("Parameter ScheduleExpression is not valid.");
    }

    /// <summary>The first time strictly after <paramref name="after"/> (for a rate: after the previous firing or the creation).</summary>
    public abstract DateTimeOffset Next(DateTimeOffset after);

    [GeneratedRegex(@"^rate\((\d+) (minutes?|hours?|days?)\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\(([^)]+)\)$")]
    private static partial Regex CronPattern();
}

internal sealed class RateSchedule(TimeSpan period) : ScheduleExpression
{
    public override DateTimeOffset Next(DateTimeOffset after) => after + period;
}
