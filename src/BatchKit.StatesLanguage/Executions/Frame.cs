using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// One thread of evaluation: the whole execution, a Parallel branch or a Map iteration. Each has its own place in
/// the history (<see cref="EventHistoryContext"/>), its own context object (<c>$$</c>) and variable scope, and
/// shares the execution's history, services and cancellation.
/// </summary>
/// <remarks>
/// The context object is kept as its top-level members. <c>Execution</c> and <c>StateMachine</c> never change, so
/// inner frames share them by reference instead of copying <c>$$.Execution.Input</c> into every Map iteration
/// (which made a Map over n items cost n²).
/// </remarks>
internal sealed class Frame
{
    private readonly Dictionary<string, JsonNode?> _context;

    private Frame(ExecutionRun run, EventHistoryContext history, Dictionary<string, JsonNode?> context, VariableScope variables, string path)
    {
        Run = run;
        History = history;
        _context = context;
        Variables = variables;
        Path = path;
    }

    /// <summary>This frame's name in the <see cref="RedriveMemo"/>: empty for the execution, <c>/State[i]</c> per branch or iteration.</summary>
    public string Path { get; }

    /// <summary>
    /// Set while a redrive re-enters the state this frame failed in: that state's branches or iterations resume from the
    /// <see cref="RedriveMemo"/> instead of starting afresh. <see cref="TakeResuming"/> clears it, so a retry reruns all.
    /// </summary>
    public bool Resuming { get; set; }

    public ExecutionRun Run { get; }

    public EventHistoryContext History { get; }

    public VariableScope Variables { get; }

    public CancellationToken Cancellation => Run.Cancellation;

    public static Frame Root(ExecutionRun run, JsonObject context, long previousEventId = 0, bool contextSupplied = false) =>
        new(run, new EventHistoryContext(previousEventId), context.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
            new VariableScope(null), "") { ContextSupplied = contextSupplied };

    /// <summary>
    /// A root frame that takes <paramref name="context"/>'s members as they are: for a context object made for this
    /// frame alone (an execution's start), which a copy would only duplicate.
    /// </summary>
    public static Frame RootOwning(ExecutionRun run, Dictionary<string, JsonNode?> context) =>
        new(run, new EventHistoryContext(0), context, new VariableScope(null), "");

    /// <summary>
    /// A child frame (branch or iteration): history starts at this frame's source; variables nest. <paramref name="path"/>
    /// names it in the <see cref="RedriveMemo"/> (null: this frame's own, for a Map worker that only groups iterations).
    /// </summary>
    public Frame Inner(string? path = null, bool resuming = false)
    {
        var context = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Execution"] = _context["Execution"],
            ["StateMachine"] = _context["StateMachine"],
        };
        if (_context.TryGetValue("State", out var state))
        {
            context["State"] = state?.DeepClone();
        }

        return new Frame(Run, History.Child(), context, Variables.Inner(), path ?? Path) { Resuming = resuming };
    }

    /// <summary>The path of this frame's branch or iteration <paramref name="index"/> of state <paramref name="state"/>.</summary>
    public string ChildPath(string state, int index) => $"{ChildPrefix(state)}{index}]";

    /// <summary>What the paths of every branch or iteration of <paramref name="state"/> (and the frames inside them) start with.</summary>
    public string ChildPrefix(string state) => $"{Path}/{state}[";

    /// <summary>Whether the state now running resumes from the memo; answers once per redrive (a retry starts afresh).</summary>
    public bool TakeResuming()
    {
        var resuming = Resuming;
        Resuming = false;
        return resuming;
    }

    public bool TryGetContext(string member, out JsonNode? value) => _context.TryGetValue(member, out value);

    public void SetContext(string member, JsonNode? value) => _context[member] = value;

    /// <summary>The whole <c>$$</c> as one object, for the rare path that selects it entire.</summary>
    public JsonObject BuildContext() => new(_context.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    public long AddEvent(string type, string? detailsKey = null, JsonObject? details = null, bool updateSource = true) =>
        Run.History.Add(History, type, detailsKey, details, updateSource);

    /// <summary>An event whose details are JSON text already (<see cref="EventDetails"/>).</summary>
    public long AddEventText(string type, string detailsKey, string detailsJson, bool updateSource = true) =>
        Run.History.AddText(History, type, detailsKey, detailsJson, updateSource);

    /// <summary>TestState was given the context object: <c>$$</c> is that object as it is, its State included.</summary>
    public bool ContextSupplied { get; init; }

    public void EnterState(string name)
    {
        if (!ContextSupplied)
        {
            _context["State"] = new JsonObject
            {
                ["EnteredTime"] = Timestamps.Format(Run.Time.GetUtcNow()),
                ["Name"] = name,
            };
        }
    }

    public void SetRetryCount(int count)
    {
        if (!ContextSupplied && _context.TryGetValue("State", out var state) && state is JsonObject s)
        {
            s["RetryCount"] = count;
        }
    }
}
