using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.Sts;

/// <summary>Sessions by access key id (in memory: temporary credentials end with the emulator, as they expire on AWS).</summary>
internal sealed class StsStore
{
    public ConcurrentDictionary<string, StsSession> Sessions { get; } = new(StringComparer.Ordinal);
}
