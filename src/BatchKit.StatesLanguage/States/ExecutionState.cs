using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Task, Map and Parallel: states that do work which can fail, with Retry and Catch. One attempt is
/// <see cref="AttemptAsync"/>; the retry/catch loop around it is shared.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
/// </summary>
internal abstract class ExecutionState(StateFields fields) : State(fields)
{
    /// <summary>Published when retries are exhausted, before Catch (e.g. MapStateFailed); null when the attempt already said so.</summary>
    protected virtual string? FailedEventType => null;

    protected abstract Task<(JsonNode? Result, Failure? Failure)> AttemptAsync(Frame frame, JsonNode? input, JsonNode? effectiveInput);

    protected virtual JsonNode? PrepareInput(Frame frame, JsonNode? input) => EffectiveInput(frame, input);

    protected override async Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, long enteredEventId)
    {
        // Only states that can be retried carry $$.State.RetryCount, as AWS shows it.
        frame.SetRetryCount(0);
        var effective = PrepareInput(frame, input);
        var attempts = new int[Fields.Retry.Count];
        var retryCount = 0;
        while (true)
        {
            var (result, failure) = await AttemptAsync(frame, input, effective).ConfigureAwait(false);
            if (failure is null)
            {
                return Exit(frame, input, result, Next);
            }

            if (failure.Error == ErrorNames.Runtime)
            {
                return StateOutcome.Fail(failure);
            }

            var retrier = Fields.Retry.Select((r, i) => (r, i)).FirstOrDefault(x => ErrorMatcher.Matches(x.r.ErrorEquals, failure.Error ?? ""));
            if (retrier.r is { } rule && attempts[retrier.i] < rule.MaxAttempts)
            {
                attempts[retrier.i]++;
                var delay = rule.DelayBefore(attempts[retrier.i], frame.Run.Random);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, frame.Run.Time, frame.Cancellation).ConfigureAwait(false);
                }

                frame.SetRetryCount(++retryCount);
                continue;
            }

            if (FailedEventType is { } failedEvent)
            {
                frame.AddEvent(failedEvent);
            }

            var catcher = Fields.Catch.FirstOrDefault(c => ErrorMatcher.Matches(c.ErrorEquals, failure.Error ?? ""));
            if (catcher is null)
            {
                return StateOutcome.Fail(failure);
            }

            var errorOutput = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause };
            var assigned = catcher.Assign is null ? null : EvaluateAssign(frame, catcher.Assign, errorOutput);
            var output = ResultPath.Apply(catcher.ResultPath.Path, input, errorOutput);
            return ExitWith(frame, output, assigned, catcher.Next);
        }
    }
}
