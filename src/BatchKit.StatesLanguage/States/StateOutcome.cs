using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;

namespace BatchKit.StatesLanguage.States;

/// <summary>How a state ended: go to <see cref="Next"/> (null: the program ends) with <see cref="Output"/>, or fail.</summary>
internal sealed record StateOutcome(string? Next, JsonNode? Output, Failure? Failure)
{
    public static StateOutcome Continue(string? next, JsonNode? output) => new(next, output, null);

    public static StateOutcome Fail(Failure failure) => new(null, null, failure);
}
