using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// Functions by name: the configurations are kept in the data directory (with their unpacked code beside them under
/// <c>lambda/</c>), the runtimes (warm environments) live in memory and are made again from the configurations at start.
/// </summary>
internal sealed class LambdaStore(DataDirectory data)
{
    public ConcurrentDictionary<string, FunctionRuntime> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>What CreateFunction and the updates stored; a record whose code directory is gone is quarantined at start.</summary>
    public RecordTable<LambdaFunction> Configurations { get; } = new(data, "lambda-functions", new(
        RecordCodec<LambdaFunction>.Json.Encode,
        node => RecordCodec<LambdaFunction>.Json.Decode(node) is var f && File.Exists(f.Bootstrap) ? f
            : throw new InvalidDataException($"the function's code is gone ({f.Bootstrap})")));

    /// <summary>Resource policies (AddPermission statements) by function name.</summary>
    public RecordTable<List<JsonObject>> Policies { get; } = new(data, "lambda-policies", new(
        statements => new JsonArray([.. statements.Select(s => s.DeepClone())]),
        node => [.. node.AsArray().Select(s => s!.AsObject().DeepClone().AsObject())]));

    /// <summary>Published versions by function name (index 0 is version 1), each with its own runtime. In memory only for now.</summary>
    public ConcurrentDictionary<string, List<FunctionRuntime>> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>Aliases by function name, then alias name (the AliasConfiguration as AWS returns it). In memory only for now.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Reserved concurrency by function name (PutFunctionConcurrency). In memory only for now.</summary>
    public ConcurrentDictionary<string, int> Concurrency { get; } = new(StringComparer.Ordinal);
}
