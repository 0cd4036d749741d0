using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Waits for Seconds, until Timestamp, or by SecondsPath / TimestampPath, on the engine's clock.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
/// </summary>
internal sealed class WaitState(StateFields fields, long? seconds, string? timestamp, string? secondsPath, string? timestampPath) : State(fields)
{
    protected override async Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, long enteredEventId)
    {
        var effective = Select(frame, Fields.InputPath, input, "InputPath");
        var delay = Delay(frame, effective);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, frame.Run.Time, frame.Cancellation).ConfigureAwait(false);
        }

        return ExitWith(frame, Select(frame, Fields.OutputPath, effective, "OutputPath"), Fields.Assign is null ? null : EvaluateAssign(frame, Fields.Assign, effective), Next);
    }

    private TimeSpan Delay(Frame frame, JsonNode? input)
    {
        var now = frame.Run.Time.GetUtcNow();
        if (seconds is { } s)
        {
            return Bounded(TimeSpan.FromSeconds(s));
        }

        if (timestamp is not null)
        {
            return Bounded(Parse(timestamp, "Timestamp", timestamp) - now);
        }

        var scope = new StateScope(frame, input);
        if (secondsPath is not null)
        {
            var value = JsonPath.Select(secondsPath, scope);
            if (!JsonText.TryGetInteger(value, out var n) || JsonText.Serialize(value).Contains('.', StringComparison.Ordinal))
            {
                throw new FailureException(ErrorNames.Runtime, $"The SecondsPath parameter cannot be parsed as a long value: {secondsPath} == {Show(value)}");
            }

            return n < 0
                ? throw new FailureException(ErrorNames.Runtime, $"The SecondsPath parameter references a negative value: {secondsPath} == {n}")
                : Bounded(TimeSpan.FromSeconds(n));
        }

        var text = JsonPath.Select(timestampPath!, scope);
        return Bounded(Parse(JsonText.IsString(text, out var t) ? t : Show(text), "TimestampPath", $"{timestampPath} == {Show(text)}") - now);
    }

    /// <summary>AWS refuses delays past 2^31 - 1 seconds (about 68 years).</summary>
    private static TimeSpan Bounded(TimeSpan delay) =>
        delay.TotalSeconds > int.MaxValue ? throw new FailureException(ErrorNames.Runtime, "Wait state delay is too long.") : delay;

    private static DateTimeOffset Parse(string text, string field, string shown) =>
        ChoiceRule.TryTimestamp(text, out var value)
            ? value
            : throw new FailureException(ErrorNames.Runtime, $"The {field} parameter does not reference a valid ISO-8601 extended offset date-time format string: {shown}");

    private static string Show(JsonNode? value) => JsonText.IsString(value, out var s) ? s : JsonText.Serialize(value);
}
