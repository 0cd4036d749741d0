using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Execution;

/// <summary>
/// One event of an execution's history, shaped like GetExecutionHistory's HistoryEvent: <see cref="DetailsKey"/>
/// (e.g. <c>stateEnteredEventDetails</c>) names the details object, whose <c>input</c>/<c>output</c> are JSON text.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
/// </summary>
public sealed record HistoryEvent(long Id, long PreviousEventId, string Type, DateTimeOffset Timestamp, string? DetailsKey, JsonObject? Details);
