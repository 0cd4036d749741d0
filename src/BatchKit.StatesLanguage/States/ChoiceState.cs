using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.States;

/// <summary>One branch of a Choice: the rule, where it leads, and its Assign.</summary>
internal sealed record ChoiceBranch(ChoiceRule Rule, string Next, JsonObject? Assign);

/// <summary>https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html</summary>
internal sealed class ChoiceState(StateFields fields, IReadOnlyList<ChoiceBranch> choices, string? defaultNext) : State(fields)
{
    /// <summary>Every state a choice (or the Default) can lead to.</summary>
    public IEnumerable<string> Targets => choices.Select(c => c.Next).Concat(defaultNext is null ? [] : [defaultNext]);

    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, long enteredEventId)
    {
        var effective = Select(frame, Fields.InputPath, input, "InputPath");
        var scope = new StateScope(frame, effective);
        foreach (var choice in choices)
        {
            if (choice.Rule.Evaluate(scope))
            {
                return Task.FromResult(Leave(frame, effective, choice.Next, choice.Assign));
            }
        }

        if (defaultNext is null)
        {
            return Task.FromResult(StateOutcome.Fail(new Failure(ErrorNames.NoChoiceMatched, $"No Matches! for state '{Name}'")));
        }

        return Task.FromResult(Leave(frame, effective, defaultNext, Fields.Assign));
    }

    private StateOutcome Leave(Frame frame, JsonNode? effective, string next, JsonObject? assign)
    {
        var assigned = assign is null ? null : EvaluateAssign(frame, assign, effective);
        var output = Select(frame, Fields.OutputPath, effective, "OutputPath");
        return ExitWith(frame, output, assigned, next);
    }
}
