using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Payloads;
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

    /// <summary>What the attempt works on: JSONPath InputPath then Parameters; JSONata Arguments (default: the input).</summary>
    protected virtual JsonNode? PrepareInput(Frame frame, JsonNode? input) =>
        Fields.IsJsonata ? Arguments(frame, input) : EffectiveInput(frame, input);

    /// <summary>JSONata Arguments over <c>$states.input</c>, or the input itself without them.</summary>
    protected JsonNode? Arguments(Frame frame, JsonNode? input) =>
        Inspect(frame, "afterArguments", Fields.Arguments is { } arguments ? arguments.Evaluate(new JsonataScope(frame, input), "Arguments") : input);

    protected override async Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, StateEntry entry)
    {
        // Only states that can be retried carry $$.State.RetryCount, as AWS shows it.
        frame.SetRetryCount(0);
        JsonNode? effective;
        try
        {
            effective = PrepareInput(frame, input);
        }
        catch (FailureException e) when (e.Failure.Error == ErrorNames.QueryEvaluationError)
        {
            return Caught(frame, input, Failed(frame, entry, e));
        }

        var attempts = new int[Fields.Retry.Count];
        // TestState's stateConfiguration.retrierRetryCount: the retries the matching Retry has already made.
        Array.Fill(attempts, frame.Run.TestSetup?.RetrierRetryCount ?? 0);
        var retryCount = 0;
        while (true)
        {
            var (result, failure) = await AttemptCatchingAsync(frame, input, effective, entry).ConfigureAwait(false);
            if (failure is null)
            {
                return Succeeded(frame, input, result);
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
                if (frame.Run.Inspection is { } inspection)
                {
                    inspection.RecordRetry(retrier.i, delay, failure);
                    return StateOutcome.Fail(failure);
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, frame.Run.Time, frame.Cancellation).ConfigureAwait(false);
                }

                frame.SetRetryCount(++retryCount);
                continue;
            }

            if (retrier.r is not null)
            {
                frame.Run.Inspection?.RecordRetriesSpent(retrier.i);
            }

            return Caught(frame, input, failure);
        }
    }

    /// <summary>
    /// One attempt; a failed JSONata evaluation inside it (a Map's Items) is a failure Retry and Catch see, after its
    /// EvaluationFailed event, as AWS records it before MapStateFailed.
    /// </summary>
    private async Task<(JsonNode? Result, Failure? Failure)> AttemptCatchingAsync(Frame frame, JsonNode? input, JsonNode? effective, StateEntry entry)
    {
        try
        {
            // TestState's mock stands in for the state under test's invocation, never for a state inside it.
            return frame.Run.TestSetup?.Mock is { } mock && frame.Path.Length == 0
                ? Mocked(frame, effective, mock)
                : await AttemptAsync(frame, input, effective).ConfigureAwait(false);
        }
        catch (FailureException e) when (e.Failure.Error == ErrorNames.QueryEvaluationError)
        {
            return (null, Failed(frame, entry, e));
        }
    }

    /// <summary>TestState's mocked invocation: the mocked result, or the mocked error as the attempt's failure.</summary>
    protected virtual (JsonNode? Result, Failure? Failure) Mocked(Frame frame, JsonNode? effectiveInput, StateMock mock) =>
        mock.IsError ? (null, new Failure(mock.Error, mock.Cause)) : (JsonText.Clone(mock.Result), null);

    private StateOutcome Succeeded(Frame frame, JsonNode? input, JsonNode? result)
    {
        Inspect(frame, "result", result);
        return Fields.IsJsonata
            ? ExitJsonata(new JsonataScope(frame, input).WithResult(result), result, Fields.Output, Fields.JsonataAssign, Next)
            : Exit(frame, input, result, Next);
    }

    /// <summary>Retries are spent: the first Catcher that matches takes the error output {Error, Cause}, else the state fails.</summary>
    private StateOutcome Caught(Frame frame, JsonNode? input, Failure failure)
    {
        if (FailedEventType is { } failedEvent)
        {
            frame.AddEvent(failedEvent);
        }

        var index = Fields.Catch.ToList().FindIndex(c => ErrorMatcher.Matches(c.ErrorEquals, failure.Error ?? ""));
        if (index < 0)
        {
            return StateOutcome.Fail(failure);
        }

        var catcher = Fields.Catch[index];
        frame.Run.Inspection?.RecordCatch(index, failure);

        var errorOutput = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause };
        if (Fields.IsJsonata)
        {
            var scope = new JsonataScope(frame, input).WithErrorOutput(errorOutput);
            return ExitJsonata(scope, errorOutput, catcher.Output, catcher.JsonataAssign, catcher.Next);
        }

        var assigned = catcher.Assign is null ? null : EvaluateAssign(frame, catcher.Assign, errorOutput);
        var output = ResultPath.Apply(catcher.ResultPath.Path, input, errorOutput);
        return ExitWith(frame, output, assigned, catcher.Next);
    }
}
