using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// Starts an execution (a top-level one, or a Distributed Map child): records ExecutionStarted with the context
/// object, runs the graph in the background, and records the terminal event.
/// </summary>
internal static class ExecutionLauncher
{
    /// <param name="inputText">
    /// The input exactly as the caller sent it (DescribeExecution returns it verbatim); null: serialise <paramref name="input"/>.
    /// </param>
    public static Execution Launch(
        ExecutionRun run, StatesGraph graph, JsonNode? input, long? timeoutSeconds, string? inputText = null, CancellationToken parentStop = default)
    {
        var identity = run.Identity;
        var compact = inputText is null ? JsonText.Serialize(input) : null; // the first state's input as its Entered event shows it
        inputText ??= compact!;
        var execution = new Execution(run, inputText, run.Time.GetUtcNow());
        var frame = Frame.RootOwning(run, ContextMembers(identity, input, execution.StartDate));
        execution.RootHistory = frame.History;
        frame.AddEventText("ExecutionStarted", "executionStartedEventDetails", EventDetails.ExecutionStarted(inputText, identity.RoleArn),
            updateSource: false); // AWS chains the first state to event 0, not to ExecutionStarted.

        _ = Task.Run(() => RunAsync(graph, execution, run, frame, input, timeoutSeconds, parentStop, compact), CancellationToken.None);
        return execution;
    }

    /// <summary>
    /// RedriveExecution: records ExecutionRedriven and runs the graph again from the state the execution did not finish
    /// (the root frame resumes from the run's <see cref="RedriveMemo"/>). The caller has moved it back to RUNNING.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
    /// </summary>
    public static void Redrive(Execution execution, ExecutionRun run, StatesGraph graph, long? timeoutSeconds, CancellationToken parentStop = default)
    {
        var input = JsonText.Parse(execution.Input);
        var context = ContextObject(run.Identity, input, execution.StartDate);
        var contextExecution = context["Execution"]!.AsObject();
        contextExecution["RedriveCount"] = execution.RedriveCount;
        contextExecution["RedriveTime"] = Timestamps.Format(execution.RedriveDate!.Value);
        var history = run.History.Snapshot();
        var frame = Frame.Root(run, context, history.Count == 0 ? 0 : history[^1].Id);
        frame.Resuming = true;
        execution.RootHistory = frame.History;
        frame.AddEvent("ExecutionRedriven", "executionRedrivenEventDetails", new JsonObject { ["redriveCount"] = execution.RedriveCount });
        _ = Task.Run(() => RunAsync(graph, execution, run, frame, input, timeoutSeconds, parentStop), CancellationToken.None);
    }

    /// <summary>
    /// A redriven Map Run's child: one that succeeded is returned as it is; one that did not is redriven on a run of
    /// the parent's services (it may have been restored after a host restart), resuming from its own memo.
    /// </summary>
    public static Execution RedriveChild(Execution child, ExecutionRun parentRun, StatesGraph graph, CancellationToken parentStop)
    {
        if (child.Status == ExecutionStatus.Succeeded)
        {
            return child;
        }

        var run = parentRun.Child(child.Identity).WithPastOf(child.Run);
        if (child.BeginRedrive(run, run.Time.GetUtcNow()))
        {
            Redrive(child, run, graph, null, parentStop);
        }

        return child;
    }

    /// <summary>The context object (<c>$$</c>) an execution starts with.</summary>
    public static JsonObject ContextObject(ExecutionIdentity identity, JsonNode? input, DateTimeOffset startDate) =>
        new(ContextMembers(identity, input, startDate));

    /// <summary>The context object's members, for a root frame to own as they are.</summary>
    private static Dictionary<string, JsonNode?> ContextMembers(ExecutionIdentity identity, JsonNode? input, DateTimeOffset startDate)
    {
        var execution = new JsonObject
        {
            ["Id"] = identity.ExecutionArn,
            ["Input"] = JsonText.Clone(input),
            ["Name"] = identity.Name,
            ["RoleArn"] = identity.RoleArn,
            ["StartTime"] = Timestamps.Format(startDate),
            ["RedriveCount"] = 0,
        };
        return new(StringComparer.Ordinal)
        {
            ["Execution"] = execution,
            ["StateMachine"] = new JsonObject { ["Id"] = identity.StateMachineArn, ["Name"] = identity.StateMachineName },
        };
    }

    private static async Task RunAsync(
        StatesGraph graph, Execution execution, ExecutionRun run, Frame frame, JsonNode? input, long? timeoutSeconds, CancellationToken parentStop,
        string? compactInput = null)
    {
        await using var parent = parentStop.Register(() => execution.Stop(null, "The parent execution stopped."));
        try
        {
            var program = ProgramRunner.RunAsync(graph, frame, input, compactInput);
            if (timeoutSeconds is { } timeout)
            {
                var timedOut = Task.Delay(TimeSpan.FromSeconds(timeout), run.Time, run.Cancellation);
                if (await Task.WhenAny(program, timedOut).ConfigureAwait(false) == timedOut && timedOut.IsCompletedSuccessfully)
                {
                    execution.Fail(ErrorNames.Timeout, "The execution has exceeded its TimeoutSeconds.", ExecutionStatus.TimedOut);
                    run.Stop();
                    return;
                }
            }

            var outcome = await program.ConfigureAwait(false);
            if (outcome.Aborted)
            {
                return; // Stop() recorded ExecutionAborted.
            }

            if (outcome.Failure is { } failure)
            {
                execution.Fail(failure.Error, failure.Cause);
            }
            else
            {
                execution.Succeed(outcome.Output);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in the engine or the host: fail the execution visibly rather than leave it RUNNING forever.
            execution.Fail(ErrorNames.Runtime, $"Internal error in the BatchKit engine: {e}");
        }
    }
}
