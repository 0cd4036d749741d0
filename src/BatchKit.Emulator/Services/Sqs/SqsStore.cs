using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>Queues by name (in memory: messages are work in flight, which a restarted emulator starts without).</summary>
internal sealed class SqsStore
{
    public ConcurrentDictionary<string, SqsQueue> Queues { get; } = new(StringComparer.Ordinal);
}
