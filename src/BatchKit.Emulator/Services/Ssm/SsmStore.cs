using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>Parameters by name (in memory: they are configuration the stack deploys again at start-up).</summary>
internal sealed class SsmStore
{
    public ConcurrentDictionary<string, SsmParameter> Parameters { get; } = new(StringComparer.Ordinal);
}
