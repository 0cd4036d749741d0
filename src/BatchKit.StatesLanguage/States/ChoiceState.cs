using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>One branch of a Choice: the rule, where it leads, and what it assigns (and, in JSONata, outputs).</summary>
internal sealed record ChoiceBranch(ChoiceRule Rule, string Next, JsonObject? Assign)
{
    public JsonataTemplate? Output { get; init; }

    public JsonataTemplate? JsonataAssign { get; init; }
}

/// <summary>
/// Takes the first branch whose rule holds, else the Default. In JSONata the branch's Output and Assign apply, and
/// the state's own apply to the Default. https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
/// </summary>
internal sealed class ChoiceState(StateFields fields, IReadOnlyList<ChoiceBranch> choices, string? defaultNext) : State(fields)
{
    /// <summary>Every state a choice (or the Default) can lead to.</summary>
    public IEnumerable<string> Targets => choices.Select(c => c.Next).Concat(defaultNext is null ? [] : [defaultNext]);

    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, StateEntry entry)
    {
        var effective = Fields.IsJsonata ? input : Inspect(frame, "afterInputPath", Select(frame, Fields.InputPath, input, "InputPath"));
        var scope = new StateScope(frame, effective);
        foreach (var choice in choices)
        {
            if (choice.Rule.Evaluate(scope))
            {
                return Task.FromResult(Leave(frame, effective, choice.Next, choice.Assign, choice.Output, choice.JsonataAssign));
            }
        }

        if (defaultNext is null)
        {
            return Task.FromResult(StateOutcome.Fail(new Failure(ErrorNames.NoChoiceMatched, $"No Matches! for state '{Name}'")));
        }

        return Task.FromResult(Leave(frame, effective, defaultNext, Fields.Assign, Fields.Output, Fields.JsonataAssign));
    }

    private StateOutcome Leave(Frame frame, JsonNode? effective, string next, JsonObject? assign, JsonataTemplate? output, JsonataTemplate? jsonataAssign)
    {
        if (Fields.IsJsonata)
        {
            return ExitJsonata(new JsonataScope(frame, effective), effective, output, jsonataAssign, next);
        }

        var assigned = assign is null ? null : EvaluateAssign(frame, assign, effective);
        return ExitWith(frame, Select(frame, Fields.OutputPath, effective, "OutputPath"), assigned, next);
    }
}
