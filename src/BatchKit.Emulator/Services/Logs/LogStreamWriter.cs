namespace BatchKit.Emulator.Services.Logs;

/// <summary>One workload's log stream (a Lambda execution environment's, an ECS container's): its lines become events.</summary>
internal sealed class LogStreamWriter(LogsIngest ingest, string group, string stream)
{
    public string GroupName => group;

    public string StreamName => stream;

    public void Write(string line) => ingest.Write(group, stream, line);
}
