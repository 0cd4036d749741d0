using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>How a run of a <see cref="Definition.StatesGraph"/> ended.</summary>
internal sealed record ProgramOutcome(JsonNode? Output, Failure? Failure, bool Aborted)
{
    public bool Succeeded => Failure is null && !Aborted;
}
