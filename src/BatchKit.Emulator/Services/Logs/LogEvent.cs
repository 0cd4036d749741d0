namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// One stored event: when it happened (the caller's timestamp), when it was ingested, and its place in its stream,
/// all in milliseconds since the epoch as the API speaks them.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_OutputLogEvent.html
/// </summary>
internal readonly record struct LogEvent(long Timestamp, long IngestionTime, long Sequence, string Message);
