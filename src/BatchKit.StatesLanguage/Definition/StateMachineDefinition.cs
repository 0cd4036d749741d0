using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// A parsed and validated Amazon States Language definition (JSONPath query language).
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
    public static StateMachineDefinition Parse(string json)
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

        var reader = new DefinitionReader();
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
