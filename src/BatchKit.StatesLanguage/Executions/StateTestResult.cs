using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// TestState's answer: <see cref="Status"/> is SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR; output and next state
/// when the state passed on (also after a Catch); error and cause when it failed, would retry or was caught; and the
/// inspection data (each value JSON text, as on the wire).
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
/// </summary>
public sealed record StateTestResult(string Status, string? Output, string? NextState, string? Error, string? Cause, JsonObject InspectionData);
