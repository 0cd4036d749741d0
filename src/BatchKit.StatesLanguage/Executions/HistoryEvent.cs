using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// One event of an execution's history, shaped like GetExecutionHistory's HistoryEvent: <see cref="DetailsKey"/>
/// (e.g. <c>stateEnteredEventDetails</c>) names the details object, kept as compact JSON text
/// (<see cref="DetailsJson"/>) because a long execution holds many events and text is far smaller than a node tree.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
/// </summary>
public sealed record HistoryEvent(long Id, long PreviousEventId, string Type, DateTimeOffset Timestamp, string? DetailsKey, string? DetailsJson)
{
    /// <summary>The details as a JSON object (parsed on demand).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public JsonObject? Details => DetailsJson is null ? null : JsonNode.Parse(DetailsJson)!.AsObject();
}
