using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// How long a Wait state waits: exactly one of Seconds, Timestamp, SecondsPath, TimestampPath (JSONPath) or, in
/// JSONata, Seconds or Timestamp as a literal or an expression.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
/// </summary>
internal sealed record WaitTime(long? Seconds, string? Timestamp, string? SecondsPath, string? TimestampPath)
{
    public JsonataTemplate? SecondsTemplate { get; init; }

    public JsonataTemplate? TimestampTemplate { get; init; }
}
