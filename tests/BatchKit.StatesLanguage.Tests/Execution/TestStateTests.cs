using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.Tests.Execution;

/// <summary>TestState's statuses and inspection data, shaped as AWS records them (see API_TestState).</summary>
public sealed class TestStateTests
{
    private static readonly ExecutionIdentity Identity = new(
        "arn:aws:states:us-east-1:000000000000:express:t:t", "t", "arn:aws:states:us-east-1:000000000000:stateMachine:t", "t",
        "arn:aws:iam::000000000000:role/r");

    [Fact]
    public async Task A_pass_state_with_a_Result_shows_the_result_instead_of_the_input_stages()
    {
        const string Definition = """{"Type": "Pass", "Result": {"resultKey": "result value"}, "End": true}""";

        var result = await Test(new EngineHarness(), Definition, """{"Value": "HelloWorld"}""");

        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(["afterResultPath", "afterResultSelector", "input", "result"], result.InspectionData.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Null(result.NextState);
    }

    [Fact]
    public async Task A_matching_Retry_ends_the_test_as_RETRIABLE_without_waiting()
    {
        var harness = new EngineHarness { Answer = _ => TaskResult.Failure("Flaky", "try again"), Time = new ManualTimeProvider() };
        const string Definition = """
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}, "End": true,
         "Retry": [{"ErrorEquals": ["Other"]}, {"ErrorEquals": ["Flaky"], "IntervalSeconds": 30, "BackoffRate": 1}]}
        """;

        var result = await Test(harness, Definition, "{}");

        Assert.Equal("RETRIABLE", result.Status);
        Assert.Equal("Flaky", result.Error);
        Assert.Equal("""{"retryBackoffIntervalSeconds":30,"retryIndex":1}""", result.InspectionData["errorDetails"]!.ToJsonString());
        Assert.Single(harness.Invocations);
    }

    [Fact]
    public async Task A_caught_error_is_CAUGHT_ERROR_with_the_catcher_index_output_and_next_state()
    {
        var harness = new EngineHarness { Answer = _ => TaskResult.Failure("Boom", "it broke") };
        const string Definition = """
        {"QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "End": true,
         "Catch": [{"ErrorEquals": ["Other"], "Next": "A"}, {"ErrorEquals": ["States.ALL"], "Next": "Handle", "Output": "{% $states.errorOutput %}"}]}
        """;

        var result = await Test(harness, Definition, """{"x": 1}""");

        Assert.Equal("CAUGHT_ERROR", result.Status);
        Assert.Equal("Handle", result.NextState);
        Assert.Equal(("Boom", "it broke"), (result.Error, result.Cause));
        Assert.Equal("""{"Error":"Boom","Cause":"it broke"}""", result.Output);
        Assert.Equal("""{"catchIndex":1}""", result.InspectionData["errorDetails"]!.ToJsonString());
        Assert.Equal("""{"FunctionName":"f"}""", result.InspectionData["afterArguments"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_state_of_a_whole_machine_is_tested_by_name()
    {
        const string Machine = """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.value", "NumericGreaterThan": 20, "Next": "Big"}], "Default": "A"},
          "Big": {"Type": "Succeed"}}}
        """;
        var (definition, name) = StateMachineDefinition.ParseForTest(Machine, "C");

        var result = await new EngineHarness().Engine.TestStateAsync(definition, name, """{"value": 22}""", null, Identity);

        Assert.Equal(("SUCCEEDED", "Big"), (result.Status, result.NextState));
        Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.ParseForTest(Machine, "Missing"));
    }

    private static Task<StateTestResult> Test(EngineHarness harness, string state, string input)
    {
        var (definition, name) = StateMachineDefinition.ParseForTest(state, null);
        return harness.Engine.TestStateAsync(definition, name, input, new JsonObject(), Identity);
    }
}
