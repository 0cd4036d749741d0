using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Intrinsics;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// Ends the program with a failure: Error/Cause literal or from ErrorPath/CausePath (a path or intrinsic).
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
/// </summary>
internal sealed class FailState(StateFields fields, string? error, string? errorPath, string? cause, string? causePath) : State(fields)
{
    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, long enteredEventId)
    {
        var scope = new StateScope(frame, input);
        var resolvedError = errorPath is null ? error : Resolve(errorPath, "ErrorPath", scope);
        var resolvedCause = causePath is null ? cause : Resolve(causePath, "CausePath", scope);
        return Task.FromResult(StateOutcome.Fail(new Failure(resolvedError!, resolvedCause)));
    }

    private static string Resolve(string expression, string field, StateScope scope)
    {
        var value = IntrinsicFunctions.IsIntrinsic(expression) ? IntrinsicFunctions.Evaluate(expression, scope) : JsonPath.Select(expression, scope);
        return JsonText.IsString(value, out var text)
            ? text
            : throw new FailureException(ErrorNames.Runtime, $"The {field} field must resolve to a string, but '{expression}' resolved to {JsonText.Serialize(value)}");
    }
}
