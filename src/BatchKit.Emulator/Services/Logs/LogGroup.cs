namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// A log group as DescribeLogGroups answers it; its streams and events are kept beside it in <see cref="LogsStore"/>.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html
/// </summary>
internal sealed record LogGroup(string Name, long CreationTime)
{
    /// <summary>Null: events never expire (the default).</summary>
    public int? RetentionInDays { get; init; }

    public string LogGroupClass { get; init; } = "STANDARD";

    public SortedDictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
}
