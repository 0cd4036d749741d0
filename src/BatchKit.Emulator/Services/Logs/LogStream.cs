namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// A log stream's record: its name, when it was made, and the number that keeps its events' ids apart from other
/// streams'. What changes with every event (first and last timestamps, bytes) lives in <see cref="LogEventFile"/>.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogStream.html
/// </summary>
internal sealed record LogStream(string GroupName, string Name, long CreationTime, long Number);
