using System.Globalization;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>
/// Queue attributes: the ones a queue can be given, with SQS's defaults and limits, and the ones SQS computes.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
/// </summary>
internal static class SqsAttributes
{
    /// <summary>Settable attributes with their default and range (seconds or bytes); null range for free text.</summary>
    public static readonly IReadOnlyDictionary<string, (string Default, int Min, int Max)?> Settable =
        new Dictionary<string, (string, int, int)?>(StringComparer.Ordinal)
    {
        ["DelaySeconds"] = ("0", 0, 900),
        ["MaximumMessageSize"] = ("262144", 1024, 262144),
        ["MessageRetentionPeriod"] = ("345600", 60, 1209600),
        ["ReceiveMessageWaitTimeSeconds"] = ("0", 0, 20),
        ["VisibilityTimeout"] = ("30", 0, 43200),
        ["Policy"] = null,
        ["RedrivePolicy"] = null,
        ["RedriveAllowPolicy"] = null,
        ["KmsMasterKeyId"] = null,
        ["KmsDataKeyReusePeriodSeconds"] = null,
        ["SqsManagedSseEnabled"] = null,
        ["FifoQueue"] = null,
        ["ContentBasedDeduplication"] = null,
        ["DeduplicationScope"] = null,
        ["FifoThroughputLimit"] = null,
    };

    public static readonly string[] Computed =
    [
        "QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp", "LastModifiedTimestamp",
    ];

    public static Dictionary<string, string> Defaults(bool fifo)
    {
        var defaults = Settable.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!.Value.Default, StringComparer.Ordinal);
        defaults["SqsManagedSseEnabled"] = "true";
        if (fifo)
        {
            defaults["FifoQueue"] = "true";
            defaults["ContentBasedDeduplication"] = "false";
        }

        return defaults;
    }

    /// <summary>Checks a value as SetQueueAttributes does; throws InvalidAttributeName or InvalidParameterValue.</summary>
    public static void Check(string name, string value, bool fifo)
    {
        if (!Settable.TryGetValue(name, out var range))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        if (range is { } r && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < r.Min || n > r.Max))
        {
            throw SqsErrors.InvalidParameterValue($"Invalid value for the parameter {name}: {value} is not between {r.Min} and {r.Max}.");
        }

        if (name is "FifoQueue" or "ContentBasedDeduplication" && !fifo)
        {
            throw SqsErrors.InvalidAttributeName(name);
        }
    }
}
