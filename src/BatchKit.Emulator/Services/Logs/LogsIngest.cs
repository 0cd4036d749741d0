namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// Where the emulator's own workloads write their output, as Lambda and the ECS awslogs driver do on AWS: each line is
/// one event, timestamped when it arrives, in a group and stream made on the first line if they do not exist yet.
/// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
/// </summary>
internal sealed class LogsIngest(LogsStore store, TimeProvider time)
{
    /// <summary>A writer for one stream; nothing is created until it writes.</summary>
    public LogStreamWriter Stream(string group, string stream) => new(this, group, stream);

    /// <summary>One event per line; an empty line is skipped (an event's message holds at least one character).</summary>
    public void Write(string group, string streamName, string message)
    {
        if (message.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        LogStream stream;
        lock (store.Writes)
        {
            store.Groups.TryAdd(group, new LogGroup(group, now));
            stream = store.Streams.GetValueOrDefault(LogsStore.Key(group, streamName)) ?? store.AddStream(group, streamName, now);
        }

        store.Events(stream).Append([(now, message)], now, sync: false);
    }
}
