using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Protocol;

/// <summary>A REST-JSON request once routed and validated: the operation, its URI labels, its input members and the raw body.</summary>
internal sealed record RestRequest(string Operation, IReadOnlyDictionary<string, string> Labels, JsonObject Input, byte[] Body)
{
    public string Label(string name) =>
        Labels.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"{Operation} has no URI label {name}.");
}
