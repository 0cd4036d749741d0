using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// A state of the tree. Every state runs through <see cref="ExecuteAsync"/>: the Entered event, the state's own work
/// (<see cref="RunAsync"/>), and the wrapping AWS applies to evaluation errors ("An error occurred while executing
/// the state 'X' (entered at the event id #N). ..."), which Retry and Catch never see: States.Runtime for JSONPath,
/// States.QueryEvaluationError for JSONata, which AWS also records as an EvaluationFailed event.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
/// </summary>
internal abstract class State(StateFields fields)
{
    /// <summary>The most a state's input or output may be: 256 KiB of UTF-8, as in AWS (States.DataLimitExceeded).</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    // The event types, named once per state rather than once per event.
    private readonly string _enteredType = $"{fields.Type}StateEntered";
    private readonly string _exitedType = $"{fields.Type}StateExited";

    public string Name => fields.Name;

    public string Type => fields.Type;

    public string? Next => fields.Next;

    public StateFields Fields => fields;

    /// <param name="inputText"><paramref name="input"/> as JSON text, when the caller has it already.</param>
    public async Task<StateOutcome> ExecuteAsync(Frame frame, JsonNode? input, string? inputText = null)
    {
        frame.EnterState(Name);
        var beforeEntered = frame.History.SourceEventId;
        inputText ??= JsonText.Serialize(input);
        var entered = frame.AddEventText(_enteredType, "stateEnteredEventDetails", EventDetails.StateEntered(Name, inputText));

        var entry = new StateEntry(entered, beforeEntered);
        try
        {
            CheckPayload(inputText, "input");
            return await RunAsync(frame, input, entry).ConfigureAwait(false);
        }
        catch (FailureException e)
        {
            return StateOutcome.Fail(Failed(frame, entry, e));
        }
    }

    /// <summary>
    /// An evaluation error as the state's failure: the cause names the state and its Entered event; a failed JSONata
    /// evaluation is also recorded as an EvaluationFailed event, chained to the event before the state's Entered.
    /// </summary>
    protected Failure Failed(Frame frame, StateEntry entry, FailureException e)
    {
        var cause = $"An error occurred while executing the state '{Name}' (entered at the event id #{entry.EnteredEventId}). {e.Failure.Cause}";
        if (e.Failure.Error == ErrorNames.QueryEvaluationError)
        {
            var details = new JsonObject { ["cause"] = cause, ["error"] = e.Failure.Error };
            if (e.Location is not null)
            {
                details["location"] = e.Location;
            }

            details["state"] = Name;
            frame.History.SourceEventId = entry.PreviousEventId;
            frame.AddEvent("EvaluationFailed", "evaluationFailedEventDetails", details);
        }

        return new Failure(e.Failure.Error, cause);
    }

    protected abstract Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, StateEntry entry);

    /// <summary>InputPath then Parameters: the value the state works on.</summary>
    protected JsonNode? EffectiveInput(Frame frame, JsonNode? input)
    {
        var selected = Inspect(frame, "afterInputPath", Select(frame, fields.InputPath, input, "InputPath"));
        var parameters = fields.Parameters is null ? selected : PayloadTemplate.Evaluate(fields.Parameters, new StateScope(frame, selected));
        return Inspect(frame, "afterParameters", parameters);
    }

    /// <summary>Records a stage of the data flow when the state runs under TestState; returns the value unchanged.</summary>
    protected static JsonNode? Inspect(Frame frame, string stage, JsonNode? value)
    {
        frame.Run.Inspection?.Record(stage, value);
        return value;
    }

    /// <summary>ResultSelector, ResultPath, OutputPath, then Assign; publishes the Exited event.</summary>
    protected StateOutcome Exit(Frame frame, JsonNode? rawInput, JsonNode? result, string? next)
    {
        var selected = fields.ResultSelector is null ? result : PayloadTemplate.Evaluate(fields.ResultSelector, new StateScope(frame, result));
        Inspect(frame, "afterResultSelector", selected);
        var assigned = fields.Assign is null ? null : EvaluateAssign(frame, fields.Assign, selected);
        var combined = Inspect(frame, "afterResultPath", ResultPath.Apply(fields.ResultPath.Path, rawInput, selected));
        var output = Select(frame, fields.OutputPath, combined, "OutputPath");
        return ExitWith(frame, output, assigned, next);
    }

    /// <summary>Publishes the Exited event (with assigned variables, if any) and continues.</summary>
    protected StateOutcome ExitWith(Frame frame, JsonNode? output, JsonObject? assigned, string? next)
    {
        var outputText = JsonText.Serialize(output);
        CheckPayload(outputText, "output");
        if (assigned is not { Count: > 0 })
        {
            frame.AddEventText(_exitedType, "stateExitedEventDetails", EventDetails.StateExited(Name, outputText));
            return StateOutcome.Continue(next, output);
        }

        var details = new JsonObject { ["name"] = Name, ["output"] = outputText, ["outputDetails"] = new JsonObject { ["truncated"] = false } };
        VariableLimits.Check(assigned);
        foreach (var (key, value) in assigned)
        {
            frame.Variables.Set(key, JsonText.Clone(value));
        }

        details["assignedVariables"] = new JsonObject(
            assigned.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(JsonText.Serialize(p.Value)))));
        details["assignedVariablesDetails"] = new JsonObject { ["truncated"] = false };
        frame.AddEvent(_exitedType, "stateExitedEventDetails", details);
        return StateOutcome.Continue(next, output);
    }

    /// <summary>
    /// JSONata: Assign and Output, both over the variables as they were when the state was entered; Output defaults
    /// to <paramref name="defaultOutput"/> (the result, or the input for states without one).
    /// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-evaluation-order
    /// </summary>
    protected StateOutcome ExitJsonata(
        JsonataScope scope, JsonNode? defaultOutput, JsonataTemplate? output, JsonataTemplate? assign, string? next)
    {
        var assigned = assign?.Evaluate(scope, "Assign") as JsonObject;
        var value = output is null ? defaultOutput : output.Evaluate(scope, "Output");
        return ExitWith(scope.Frame, value, assigned, next);
    }

    /// <summary>
    /// Assign: every value sees the same, pre-assignment variables; <c>$</c> is the state's result.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
    /// </summary>
    protected static JsonObject EvaluateAssign(Frame frame, JsonObject assign, JsonNode? value) =>
        (JsonObject)PayloadTemplate.Evaluate(assign, new StateScope(frame, value))!;

    protected static JsonNode? Select(Frame frame, PathSetting setting, JsonNode? value, string field)
    {
        if (setting.IsNull)
        {
            return new JsonObject();
        }

        if (setting.Path == "$")
        {
            return value;
        }

        return JsonPath.TrySelect(setting.Path!, new StateScope(frame, value), out var selected)
            ? JsonText.Clone(selected)
            : throw new FailureException(ErrorNames.Runtime,
                $"Invalid path '{setting.Path}' : No results for path: {JsonPath.Parse(setting.Path!).Describe()}");
    }

    private void CheckPayload(string json, string what)
    {
        // Cheap upper bound first: UTF-8 takes at most 3 bytes per UTF-16 char.
        if (json.Length * 3 <= MaxPayloadBytes)
        {
            return;
        }

        var size = System.Text.Encoding.UTF8.GetByteCount(json);
        if (size > MaxPayloadBytes)
        {
            throw new FailureException(ErrorNames.DataLimitExceeded,
                $"The state/task '{Name}' returned a result with a size exceeding the maximum number of bytes service limit "
                + $"({what} of {size} bytes, limit {MaxPayloadBytes}).");
        }
    }
}
