using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Execution;

/// <summary>
/// One thread of evaluation: the whole execution, a Parallel branch or a Map iteration. Each has its own place in
/// the history (<see cref="EventHistoryContext"/>), its own context object (<c>$$</c>) and variable scope, and
/// shares the execution's history, services and cancellation.
/// </summary>
internal sealed class Frame
{
    private Frame(ExecutionRun run, EventHistoryContext history, JsonObject context, VariableScope variables)
    {
        Run = run;
        History = history;
        Context = context;
        Variables = variables;
    }

    public ExecutionRun Run { get; }

    public EventHistoryContext History { get; }

    /// <summary>The context object <c>$$</c> as this frame sees it.</summary>
    public JsonObject Context { get; }

    public VariableScope Variables { get; }

    public CancellationToken Cancellation => Run.Cancellation;

    public static Frame Root(ExecutionRun run, JsonObject context) => new(run, new EventHistoryContext(0), context, new VariableScope(null));

    /// <summary>A child frame (branch or iteration): history starts at this frame's source; variables nest.</summary>
    public Frame Inner()
    {
        var context = new JsonObject
        {
            ["Execution"] = JsonText.Clone(Context["Execution"]),
            ["StateMachine"] = JsonText.Clone(Context["StateMachine"]),
        };
        if (Context["State"] is { } state)
        {
            context["State"] = state.DeepClone();
        }

        return new Frame(Run, History.Child(), context, Variables.Inner());
    }

    public long AddEvent(string type, string? detailsKey = null, JsonObject? details = null, bool updateSource = true) =>
        Run.History.Add(History, type, detailsKey, details, updateSource);

    public void EnterState(string name)
    {
        Context["State"] = new JsonObject
        {
            ["EnteredTime"] = Timestamps.Format(Run.Time.GetUtcNow()),
            ["Name"] = name,
        };
    }

    public void SetRetryCount(int count)
    {
        if (Context["State"] is JsonObject state)
        {
            state["RetryCount"] = count;
        }
    }
}
