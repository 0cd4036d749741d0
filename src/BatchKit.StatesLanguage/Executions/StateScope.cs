using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>The roots paths see while a state runs: <c>$</c> is <paramref name="input"/>, <c>$$</c> the frame's context.</summary>
internal sealed class StateScope(Frame frame, JsonNode? input) : IPathScope
{
    public Frame Frame => frame;

    public JsonNode? Input => input;

    public JsonNode? Context => frame.BuildContext();

    public bool TryGetContextMember(string name, out JsonNode? value) => frame.TryGetContext(name, out value);

    public bool TryGetVariable(string name, out JsonNode? value) => frame.Variables.TryGet(name, out value);

    public StateScope With(JsonNode? value) => new(frame, value);
}
