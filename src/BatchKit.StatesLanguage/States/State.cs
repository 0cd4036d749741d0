using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>The fields every state may carry, read once by the definition parser.</summary>
internal sealed record StateFields(
    string Name,
    string Type,
    string? Next,
    PathSetting InputPath,
    PathSetting OutputPath,
    PathSetting ResultPath,
    JsonNode? Parameters,
    JsonObject? ResultSelector,
    JsonObject? Assign,
    IReadOnlyList<Retrier> Retry,
    IReadOnlyList<Catcher> Catch);

/// <summary>
/// A state of the tree. Every state runs through <see cref="ExecuteAsync"/>: the Entered event, the state's own work
/// (<see cref="RunAsync"/>), and the States.Runtime wrapping AWS applies to evaluation errors ("An error occurred
/// while executing the state 'X' (entered at the event id #N). ..."), which Retry and Catch never see.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
/// </summary>
internal abstract class State(StateFields fields)
{
    /// <summary>The most a state's input or output may be: 256 KiB of UTF-8, as in AWS (States.DataLimitExceeded).</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    public string Name => fields.Name;

    public string Type => fields.Type;

    public string? Next => fields.Next;

    public StateFields Fields => fields;

    public async Task<StateOutcome> ExecuteAsync(Frame frame, JsonNode? input)
    {
        frame.EnterState(Name);
        var inputText = JsonText.Serialize(input);
        var entered = frame.AddEvent($"{Type}StateEntered", "stateEnteredEventDetails", new JsonObject
        {
            ["name"] = Name,
            ["input"] = inputText,
            ["inputDetails"] = new JsonObject { ["truncated"] = false },
        });

        try
        {
            CheckPayload(inputText, "input");
            return await RunAsync(frame, input, entered).ConfigureAwait(false);
        }
        catch (FailureException e)
        {
            var cause = $"An error occurred while executing the state '{Name}' (entered at the event id #{entered}). {e.Failure.Cause}";
            return StateOutcome.Fail(new Failure(e.Failure.Error, cause));
        }
    }

    protected abstract Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, long enteredEventId);

    /// <summary>InputPath then Parameters: the value the state works on.</summary>
    protected JsonNode? EffectiveInput(Frame frame, JsonNode? input)
    {
        var selected = Select(frame, fields.InputPath, input, "InputPath");
        return fields.Parameters is null ? selected : PayloadTemplate.Evaluate(fields.Parameters, new StateScope(frame, selected));
    }

    /// <summary>ResultSelector, ResultPath, OutputPath, then Assign; publishes the Exited event.</summary>
    protected StateOutcome Exit(Frame frame, JsonNode? rawInput, JsonNode? result, string? next)
    {
        var selected = fields.ResultSelector is null ? result : PayloadTemplate.Evaluate(fields.ResultSelector, new StateScope(frame, result));
        var assigned = fields.Assign is null ? null : EvaluateAssign(frame, fields.Assign, selected);
        var combined = ResultPath.Apply(fields.ResultPath.Path, rawInput, selected);
        var output = Select(frame, fields.OutputPath, combined, "OutputPath");
        return ExitWith(frame, output, assigned, next);
    }

    /// <summary>Publishes the Exited event (with assigned variables, if any) and continues.</summary>
    protected StateOutcome ExitWith(Frame frame, JsonNode? output, JsonObject? assigned, string? next)
    {
        var outputText = JsonText.Serialize(output);
        CheckPayload(outputText, "output");
        var details = new JsonObject { ["name"] = Name, ["output"] = outputText, ["outputDetails"] = new JsonObject { ["truncated"] = false } };
        if (assigned is not null)
        {
            foreach (var (key, value) in assigned)
            {
                frame.Variables.Set(key, JsonText.Clone(value));
            }

            details["assignedVariables"] = new JsonObject(assigned.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(JsonText.Serialize(p.Value)))));
            details["assignedVariablesDetails"] = new JsonObject { ["truncated"] = false };
        }

        frame.AddEvent($"{Type}StateExited", "stateExitedEventDetails", details);
        return StateOutcome.Continue(next, output);
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
            : throw new FailureException(ErrorNames.Runtime, $"Invalid path '{setting.Path}' : No results for path: {JsonPath.Parse(setting.Path!).Describe()}");
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
                $"The state/task '{Name}' returned a result with a size exceeding the maximum number of bytes service limit ({what} of {size} bytes, limit {MaxPayloadBytes}).");
        }
    }
}
