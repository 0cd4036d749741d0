using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Paths;

/// <summary>
/// The roots a JSONPath or an intrinsic function argument may start from while a state runs:
/// <c>$</c> (the value being processed), <c>$$</c> (the context object) and <c>$name</c> (a variable).
/// See https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
/// </summary>
internal interface IPathScope
{
    /// <summary>The value <c>$</c> refers to.</summary>
    JsonNode? Input { get; }

    /// <summary>The whole context object <c>$$</c> (built on demand: prefer <see cref="TryGetContextMember"/>).</summary>
    JsonNode? Context { get; }

    /// <summary>One top-level member of the context object (<c>Execution</c>, <c>State</c>, <c>Map</c>, <c>Task</c>...).</summary>
    bool TryGetContextMember(string name, out JsonNode? value);

    /// <summary>Looks up a variable set by <c>Assign</c> (the name without its <c>$</c>).</summary>
    bool TryGetVariable(string name, out JsonNode? value);
}
