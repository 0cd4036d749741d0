using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Tests.Conformance;

/// <summary>
/// One case of the reference suite (TESTSUITE.md): an expression, its input (data, a named dataset, or none),
/// bindings, optional depth and time limits, and exactly one expectation: a result, an undefined result, or an error code.
/// </summary>
public sealed record ConformanceCase(
    string Group,
    string Id,
    string? Expression,
    JsonataResult Input,
    JsonObject Bindings,
    JsonataLimits? Limits,
    JsonNode? Result,
    bool ExpectsResult,
    bool ExpectsUndefined,
    string? Code)
{
    public override string ToString() => $"{Id}: {Expression}";
}
