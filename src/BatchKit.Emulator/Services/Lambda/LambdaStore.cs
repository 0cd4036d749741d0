using System.Collections.Concurrent;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>Functions by name, each with its runtime (in memory: a restart forgets functions, not S3 objects).</summary>
internal sealed class LambdaStore
{
    public ConcurrentDictionary<string, FunctionRuntime> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>Resource policies (AddPermission statements) by function name.</summary>
    public ConcurrentDictionary<string, List<System.Text.Json.Nodes.JsonObject>> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>Published versions by function name (index 0 is version 1), each with its own runtime and code.</summary>
    public ConcurrentDictionary<string, List<FunctionRuntime>> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>Aliases by function name, then alias name (the AliasConfiguration as AWS returns it).</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, System.Text.Json.Nodes.JsonObject>> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Reserved concurrency by function name (PutFunctionConcurrency).</summary>
    public ConcurrentDictionary<string, int> Concurrency { get; } = new(StringComparer.Ordinal);
}
