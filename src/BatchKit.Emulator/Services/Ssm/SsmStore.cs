using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>Parameters by name (in memory: they are configuration the stack deploys again at start-up).</summary>
internal sealed class SsmStore
{
    public ConcurrentDictionary<string, SsmParameter> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Every version of each parameter, oldest first (GetParameterHistory).</summary>
    public ConcurrentDictionary<string, List<SsmParameter>> History { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags by parameter name.</summary>
    public ConcurrentDictionary<string, SortedDictionary<string, string>> Tags { get; } = new(StringComparer.Ordinal);
}
