using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>Functions by name, each with its runtime (in memory: a restart forgets functions, not S3 objects).</summary>
internal sealed class LambdaStore
{
    public ConcurrentDictionary<string, FunctionRuntime> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>Resource policies (AddPermission statements) by function name.</summary>
    public ConcurrentDictionary<string, List<System.Text.Json.Nodes.JsonObject>> Policies { get; } = new(StringComparer.Ordinal);
}
