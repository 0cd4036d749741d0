using BatchKit.StatesLanguage.Definition;

namespace BatchKit.StatesLanguage.Tests.Definition;

public sealed class DefinitionValidationTests
{
    [Fact]
    public void Every_structural_error_is_reported_at_once_with_its_location()
    {
        const string Definition = """
        {
          "StartAt": "A",
          "States": {
            "A": { "Type": "Pass", "Next": "Nowhere" },
            "B": { "Type": "Pass", "End": true, "Next": "A" },
            "C": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "not a path", "End": true },
            "D": { "Type": "Fail", "Error": "States.MadeUp" },
            "E": { "Type": "Teleport", "End": true },
            "F": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                   "Retry": [ { "ErrorEquals": ["States.NotAThing"] } ] }
          }
        }
        """;

        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(Definition));

        var found = e.Errors.Select(x => (x.Code, x.Location)).ToList();
        Assert.Contains(("MISSING_TRANSITION_TARGET", "/States/A/Next"), found);
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/B"), found);               // End and Next
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/C/InputPath"), found);
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/E/Type"), found);
        Assert.Contains(("SCHEMA_VALIDATION_FAILED", "/States/F/Retry/0/ErrorEquals"), found);
        Assert.Contains(e.Errors, x => x.Location == "/States/C" && x.Message.Contains("not reachable", StringComparison.Ordinal));
        Assert.StartsWith("Invalid State Machine Definition: '", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 %}", "End": true}}}""")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x": "{% $states.input %}"}, "End": true}}}""")]
    public void JSONata_is_refused_clearly_never_run(string definition)
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(definition));

        Assert.Contains(e.Errors, x => x.Code == "JSONATA_NOT_SUPPORTED" && x.Message.Contains("not supported yet", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json", "INVALID_JSON_DESCRIPTION")]
    [InlineData("[]", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"States": {"A": {"Type": "Pass", "End": true}}}""", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "one", "Next": "A"}]}}}""", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Nope(1)"}, "End": true}}}""", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::x", "TimeoutSeconds": 5, "HeartbeatSeconds": 10, "End": true}}}""", "SCHEMA_VALIDATION_FAILED")]
    public void Bad_definitions_name_the_problem(string definition, string code)
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Parse(definition));

        Assert.Contains(e.Errors, x => x.Code == code);
    }
}
