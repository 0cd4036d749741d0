using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Benchmarks;

/// <summary>One suite case measured: its id, expression and input document (null: no input).</summary>
internal sealed record BenchmarkCase(string Id, string Expression, JsonNode? Input, bool HasInput);
