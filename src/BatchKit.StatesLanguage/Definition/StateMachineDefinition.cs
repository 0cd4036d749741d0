using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// A parsed and validated Amazon States Language definition, in either query language (JSONPath or JSONata).
/// https://states-language.net/spec.html and https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html
/// </summary>
public sealed class StateMachineDefinition
{
    private StateMachineDefinition(StatesGraph graph, long? timeoutSeconds, string? comment)
    {
        Graph = graph;
        TimeoutSeconds = timeoutSeconds;
        Comment = comment;
    }

    public long? TimeoutSeconds { get; }

    public string? Comment { get; }

    /// <summary>The names of the top-level states, in definition order.</summary>
    public IReadOnlyCollection<string> StateNames => Graph.States.Keys.ToArray();

    internal StatesGraph Graph { get; }

    /// <summary>Parses and validates; throws <see cref="InvalidDefinitionException"/> listing every problem.</summary>
    public static StateMachineDefinition Parse(string json) => Read(ParseObject(json));

    /// <summary>
    /// TestState's definition: one state (tested under the name <see cref="TestedStateName"/>), or with
    /// <paramref name="stateName"/> a whole machine and the state of it to test. The states a lone state leads to are
    /// stood in for by Succeed states, so its transitions validate without the rest of the machine.
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
    /// </summary>
    public static (StateMachineDefinition Definition, string StateName) ParseForTest(string json, string? stateName)
    {
        var root = ParseObject(json);
        if (stateName is not null)
        {
            var machine = Read(root);
            return machine.Graph.States.ContainsKey(stateName)
                ? (machine, stateName)
                : throw new InvalidDefinitionException([new DefinitionError("SCHEMA_VALIDATION_FAILED",
                    $"The state '{stateName}' is not a top-level state of the definition", "/States")]);
        }

        var states = new JsonObject { [TestedStateName] = root };
        foreach (var target in Targets(root).Where(t => t != TestedStateName))
        {
            states[target] = new JsonObject { ["Type"] = "Succeed" };
        }

        return (Read(new JsonObject { ["StartAt"] = TestedStateName, ["States"] = states }), TestedStateName);
    }

    /// <summary>The name a lone state is tested under.</summary>
    public const string TestedStateName = "TestState";

    private static IEnumerable<string> Targets(JsonObject state)
    {
        var nexts = new[] { state["Next"], state["Default"] }
            .Concat((state["Choices"] as JsonArray ?? []).Select(c => c?["Next"]))
            .Concat((state["Catch"] as JsonArray ?? []).Select(c => c?["Next"]));
        return nexts.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Distinct(StringComparer.Ordinal);
    }

    private static JsonObject ParseObject(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException e)
        {
            throw new InvalidDefinitionException([new DefinitionError("INVALID_JSON_DESCRIPTION", e.Message, "")]);
        }

        if (root is not JsonObject machine)
        {
            throw new InvalidDefinitionException([new DefinitionError("SCHEMA_VALIDATION_FAILED", "The definition must be a JSON object", "")]);
        }

        return machine;
    }

    private static StateMachineDefinition Read(JsonObject machine)
    {
        var reader = new DefinitionReader();
        reader.ReadMachineLanguage(machine);
        var graph = reader.ReadGraph(machine, "");
        var timeout = reader.OptionalInteger(machine, "TimeoutSeconds", "", min: 1);
        var comment = reader.OptionalString(machine, "Comment", "");
        reader.CheckFields(machine, "", ["StartAt", "States", "Comment", "TimeoutSeconds", "Version", "QueryLanguage"]);
        if (reader.Errors.Count > 0)
        {
            throw new InvalidDefinitionException(reader.Errors);
        }

        return new StateMachineDefinition(graph!, timeout, comment);
    }
}
