using Amazon.CDK.AWS.Logs;

namespace BatchKit.Infrastructure;

/// <summary>
/// The retention periods CloudWatch Logs accepts.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
/// </summary>
internal static class LogRetention
{
    private static readonly Dictionary<int, RetentionDays> Days = new()
    {
        [1] = RetentionDays.ONE_DAY,
        [3] = RetentionDays.THREE_DAYS,
        [5] = RetentionDays.FIVE_DAYS,
        [7] = RetentionDays.ONE_WEEK,
        [14] = RetentionDays.TWO_WEEKS,
        [30] = RetentionDays.ONE_MONTH,
        [60] = RetentionDays.TWO_MONTHS,
        [90] = RetentionDays.THREE_MONTHS,
        [120] = RetentionDays.FOUR_MONTHS,
        [150] = RetentionDays.FIVE_MONTHS,
        [180] = RetentionDays.SIX_MONTHS,
        [365] = RetentionDays.ONE_YEAR,
    };

    public static IEnumerable<int> AllowedDays => Days.Keys;

    public static bool IsAllowed(int days) => Days.ContainsKey(days);

    public static RetentionDays Of(int days) => Days[days];
}
