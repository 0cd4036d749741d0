namespace BatchKit.Aws.Logs;

/// <summary>An event as FilterLogEvents returns it (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilteredLogEvent.html).</summary>
public sealed record FilteredLogEvent(string LogStreamName, long Timestamp, string Message, string EventId);

/// <summary>One page of events and the token of the next, null on the last page.</summary>
public sealed record FilterLogEventsPage(IReadOnlyList<FilteredLogEvent> Events, string? NextToken);
