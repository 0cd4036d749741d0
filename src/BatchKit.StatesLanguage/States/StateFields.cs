using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// The fields every state may carry, read once by the definition parser. A JSONPath state uses InputPath,
/// Parameters, ResultSelector, ResultPath, OutputPath and a payload-template Assign; a JSONata state uses Arguments,
/// Output and a JSONata Assign (<see cref="JsonataAssign"/>).
/// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
/// </summary>
internal sealed record StateFields(
    string Name,
    string Type,
    string? Next,
    QueryLanguage Language,
    PathSetting InputPath,
    PathSetting OutputPath,
    PathSetting ResultPath,
    JsonNode? Parameters,
    JsonObject? ResultSelector,
    JsonObject? Assign,
    IReadOnlyList<Retrier> Retry,
    IReadOnlyList<Catcher> Catch)
{
    public bool IsJsonata => Language == QueryLanguage.Jsonata;

    /// <summary>JSONata: the value the state sends to its task or branches.</summary>
    public JsonataTemplate? Arguments { get; init; }

    /// <summary>JSONata: the state's output (default: its result, or its input for states without one).</summary>
    public JsonataTemplate? Output { get; init; }

    /// <summary>JSONata: the variables the state assigns.</summary>
    public JsonataTemplate? JsonataAssign { get; init; }
}
