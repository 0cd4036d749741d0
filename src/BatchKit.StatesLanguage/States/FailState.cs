using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Intrinsics;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.Paths;
using BatchKit.StatesLanguage.Payloads;

namespace BatchKit.StatesLanguage.States;

/// <summary>The Error and Cause of a Fail state: each a literal, a JSONPath ErrorPath/CausePath, or a JSONata template.</summary>
internal sealed record FailText(string? Literal, string? Path, JsonataTemplate? Jsonata);

/// <summary>
/// Ends the program with a failure: Error/Cause literal, from ErrorPath/CausePath (a path or intrinsic) or, in
/// JSONata, from expressions. https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
/// </summary>
internal sealed class FailState(StateFields fields, FailText error, FailText cause) : State(fields)
{
    protected override Task<StateOutcome> RunAsync(Frame frame, JsonNode? input, StateEntry entry)
    {
        if (!Fields.IsJsonata)
        {
            Inspect(frame, "afterInputPath", input); // a Fail state has no InputPath; AWS's TestState shows the input as it
        }

        var resolvedError = Resolve(error, "Error", frame, input);
        var resolvedCause = Resolve(cause, "Cause", frame, input);
        return Task.FromResult(StateOutcome.Fail(new Failure(resolvedError, resolvedCause)));
    }

    private static string? Resolve(FailText text, string field, Frame frame, JsonNode? input)
    {
        if (text.Jsonata is { } template)
        {
            var value = template.Evaluate(new JsonataScope(frame, input), field);
            return JsonText.IsString(value, out var s) ? s : throw JsonataTypes.Unexpected(template, field, "string", value);
        }

        return text.Path is { } path ? ResolvePath(path, field + "Path", new StateScope(frame, input)) : text.Literal;
    }

    private static string ResolvePath(string expression, string field, StateScope scope)
    {
        JsonNode? value;
        if (IntrinsicFunctions.IsIntrinsic(expression))
        {
            value = IntrinsicFunctions.Evaluate(expression, scope);
        }
        else if (!JsonPath.TrySelect(expression, scope, out value))
        {
            throw new FailureException(ErrorNames.Runtime,
                $"The JSONPath '{expression}' specified for the field '{field}' could not be found in the input '{JsonText.Serialize(scope.Input)}'");
        }

        return JsonText.IsString(value, out var text)
            ? text
            : throw new FailureException(ErrorNames.Runtime,
                $"The {field} field must resolve to a string, but '{expression}' resolved to {JsonText.Serialize(value)}");
    }
}
