using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Waits for Seconds, until Timestamp, or by SecondsPath / TimestampPath (JSONata: expressions), on the engine's clock.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
/// </summary>
internal sealed class WaitState(StateFields fields, WaitTime time) : State(fields)
{
    protected override async Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, StateEntry entry)
    {
        var effective = Fields.IsJsonata ? input : Inspect(frame, "afterInputPath", Select(frame, Fields.InputPath, input, "InputPath"));
        var delay = Fields.IsJsonata ? JsonataDelay(frame, input) : Delay(frame, effective);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, frame.Run.Time, frame.Cancellation).ConfigureAwait(false);
        }

        if (Fields.IsJsonata)
        {
            return ExitJsonata(new JsonataScope(frame, input), input, Fields.Output, Fields.JsonataAssign, Next);
        }

        var assigned = Fields.Assign is null ? null : EvaluateAssign(frame, Fields.Assign, effective);
        return ExitWith(frame, Select(frame, Fields.OutputPath, effective, "OutputPath"), assigned, Next);
    }

    private TimeSpan Delay(Frame frame, JsonNode? input)
    {
        var now = frame.Run.Time.GetUtcNow();
        if (time.Seconds is { } s)
        {
            return Bounded(TimeSpan.FromSeconds(s));
        }

        if (time.Timestamp is { } timestamp)
        {
            return Bounded(Parse(timestamp, "Timestamp", timestamp) - now);
        }

        var scope = new StateScope(frame, input);
        if (time.SecondsPath is { } secondsPath)
        {
            return Bounded(TimeSpan.FromSeconds(SecondsAt(secondsPath, scope)));
        }

        var text = JsonPath.Select(time.TimestampPath!, scope);
        return Bounded(Parse(JsonText.IsString(text, out var t) ? t : Show(text), "TimestampPath", $"{time.TimestampPath} == {Show(text)}") - now);
    }

    /// <summary>SecondsPath: a non-negative integer, with AWS's three ways of saying it is not one.</summary>
    private static long SecondsAt(string path, StateScope scope)
    {
        if (!JsonPath.TrySelect(path, scope, out var value))
        {
            throw new FailureException(ErrorNames.Runtime, $"The SecondsPath parameter does not reference an input value: {path}");
        }

        if (!JsonText.TryGetInteger(value, out var n) || JsonText.Serialize(value).Contains('.', StringComparison.Ordinal))
        {
            throw new FailureException(ErrorNames.Runtime, $"The SecondsPath parameter cannot be parsed as a long value: {path} == {Show(value)}");
        }

        return n >= 0 ? n : throw new FailureException(ErrorNames.Runtime, $"The SecondsPath parameter references a negative value: {path} == {n}");
    }

    private TimeSpan JsonataDelay(Frame frame, JsonNode? input)
    {
        var scope = new JsonataScope(frame, input);
        if (time.SecondsTemplate is { } seconds)
        {
            var value = seconds.Evaluate(scope, "Seconds");
            return JsonText.TryGetInteger(value, out var n) && n >= 0
                ? Bounded(TimeSpan.FromSeconds(n))
                : throw JsonataTypes.Unexpected(seconds, "Seconds", "integer", value);
        }

        var timestamp = time.TimestampTemplate!.Evaluate(scope, "Timestamp");
        var text = JsonText.IsString(timestamp, out var t) ? t : Show(timestamp);
        return ChoiceRule.TryTimestamp(text, out var until)
            ? Bounded(until - frame.Run.Time.GetUtcNow())
            : throw JsonataTemplate.QueryError(
                $"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}", "Timestamp");
    }

    /// <summary>AWS refuses delays past 2^31 - 1 seconds (about 68 years).</summary>
    private static TimeSpan Bounded(TimeSpan delay) =>
        delay.TotalSeconds > int.MaxValue ? throw new FailureException(ErrorNames.Runtime, "Wait state delay is too long.") : delay;

    private static DateTimeOffset Parse(string text, string field, string shown) =>
        ChoiceRule.TryTimestamp(text, out var value)
            ? value
            : throw new FailureException(ErrorNames.Runtime,
                $"The {field} parameter does not reference a valid ISO-8601 extended offset date-time format string: {shown}");

    private static string Show(JsonNode? value) => JsonText.IsString(value, out var s) ? s : JsonText.Serialize(value);
}
