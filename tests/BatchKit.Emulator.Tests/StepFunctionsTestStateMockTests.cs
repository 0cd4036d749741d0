using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// TestState's mock, context and stateConfiguration through the real AWS CLI (`aws stepfunctions test-state`), against
/// what AWS answered in the same situations (LocalStack's AWS-recorded test_state snapshots): a mocked result or error
/// instead of the call, Map and Parallel states tested alone with a mocked result, a retry count and Map iteration
/// failures set from outside, the context object given, and AWS's ValidationException for each request it refuses.
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
/// </summary>
public sealed class StepFunctionsTestStateMockTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly Dictionary<string, string> NoHostPrefix = new() { ["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true" };

    private const string LambdaTask = """
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
         "Parameters": {"FunctionName.$": "$.fn", "Payload": {"values.$": "$$.Execution.Input.values", "entered.$": "$$.State.Name"}}}
        """;

    private const string RetriedTask = """
        {"QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
         "Arguments": {"FunctionName": "foo", "Payload": "bar"},
         "Retry": [{"ErrorEquals": ["MockException"], "IntervalSeconds": 1, "MaxAttempts": 5, "BackoffRate": 2.0}]}
        """;

    private const string Parallel = """
        {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}
        """;

    private const string ToleratingMap = """
        {"Type": "Map", "ItemsPath": "$.Values", "ToleratedFailureCount": 1, "End": true,
         "Catch": [{"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "Next": "HandleThreshold"}],
         "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Work",
           "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}
        """;

    [Fact]
    public async Task A_mocked_result_stands_in_for_the_service_call_whose_parameters_are_still_resolved()
    {
        var mock = """{"result": "{\"Payload\": \"function output\", \"StatusCode\": 200}"}""";
        var response = await TestAsync("--definition", LambdaTask, "--input", """{"fn": "no-such-function", "values": [1, 2]}""",
            "--inspection-level", "DEBUG", "--mock", mock);

        Assert.Equal("SUCCEEDED", response["status"]!.GetValue<string>());
        Assert.Equal("""{"Payload":"function output","StatusCode":200}""", response["output"]!.GetValue<string>());
        var parameters = JsonNode.Parse(response["inspectionData"]!["afterParameters"]!.GetValue<string>())!;
        Assert.Equal("""{"values":[1,2],"entered":"TestState"}""", parameters["Payload"]!.ToJsonString());

        var unmocked = await TestAsync("--definition", LambdaTask, "--input", """{"fn": "no-such-function", "values": [1, 2]}""");
        Assert.Equal("FAILED", unmocked["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mocked_error_meets_the_Retry_with_the_retries_already_made()
    {
        var mock = """{"errorOutput": {"error": "MockException", "cause": "Mock the cause of the error."}}""";

        var fifth = await TestAsync("--definition", RetriedTask, "--inspection-level", "DEBUG", "--mock", mock,
            "--state-configuration", """{"retrierRetryCount": 4}""");
        var spent = await TestAsync("--definition", RetriedTask, "--inspection-level", "DEBUG", "--mock", mock,
            "--state-configuration", """{"retrierRetryCount": 5}""");

        Assert.Equal(("RETRIABLE", "MockException"), (fifth["status"]!.GetValue<string>(), fifth["error"]!.GetValue<string>()));
        var retry = fifth["inspectionData"]!["errorDetails"]!;
        Assert.Equal((16, 0), (retry["retryBackoffIntervalSeconds"]!.GetValue<int>(), retry["retryIndex"]!.GetValue<int>()));
        Assert.Equal(("FAILED", "Mock the cause of the error."), (spent["status"]!.GetValue<string>(), spent["cause"]!.GetValue<string>()));
        Assert.Equal("""{"retryIndex":0}""", spent["inspectionData"]!["errorDetails"]!.ToJsonString());
    }

    [Fact]
    public async Task A_Parallel_state_is_tested_alone_with_one_mocked_result_per_branch()
    {
        var response = await TestAsync("--definition", Parallel, "--input", """{"key": "value"}""",
            "--mock", """{"result": "[{\"branch1\": \"result\"}, {\"branch2\": \"result\"}]"}""");

        Assert.Equal(("SUCCEEDED", """[{"branch1":"result"},{"branch2":"result"}]"""),
            (response["status"]!.GetValue<string>(), response["output"]!.GetValue<string>()));
        Assert.Contains("(ValidationException)", await RejectedAsync("--definition", Parallel, "--mock", """{"result": "[{\"branch1\": \"result\"}]"}"""),
            StringComparison.Ordinal);
        Assert.Contains("(InvalidDefinition)", await RejectedAsync("--definition", Parallel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_Map_iterations_beyond_the_tolerated_count_fail_the_mocked_Map_into_its_Catch()
    {
        var input = """{"Values": ["first", "second", "third"]}""";

        var tolerated = await TestAsync("--definition", ToleratingMap, "--input", input, "--inspection-level", "DEBUG",
            "--mock", """{"result": "[1, 1, 1]"}""", "--state-configuration", """{"mapIterationFailureCount": 1}""");
        var exceeded = await TestAsync("--definition", ToleratingMap, "--input", input, "--inspection-level", "DEBUG",
            "--mock", """{"result": "[0, 0, 1]"}""", "--state-configuration", """{"mapIterationFailureCount": 2}""");

        Assert.Equal(("SUCCEEDED", "[1,1,1]"), (tolerated["status"]!.GetValue<string>(), tolerated["output"]!.GetValue<string>()));
        var data = tolerated["inspectionData"]!;
        Assert.Equal((0, 1), (data["maxConcurrency"]!.GetValue<int>(), data["toleratedFailureCount"]!.GetValue<int>()));
        Assert.Equal("""["first","second","third"]""", data["afterItemsPath"]!.GetValue<string>());
        Assert.Equal(("CAUGHT_ERROR", "States.ExceedToleratedFailureThreshold", "HandleThreshold"),
            (exceeded["status"]!.GetValue<string>(), exceeded["error"]!.GetValue<string>(), exceeded["nextState"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_context_object_given_is_the_state_context_as_it_is()
    {
        var context = """
            {"Execution": {"Id": "arn:aws:states:::execution:Machine:run-1", "Input": {"values": ["charizard", "pikachu"]}, "Name": "run-1"},
             "State": {"Name": "MyTaskState", "EnteredTime": "2025-01-15T10:30:01.500Z", "RetryCount": 0}}
            """;

        var response = await TestAsync("--definition", LambdaTask, "--input", """{"fn": "f"}""", "--inspection-level", "DEBUG",
            "--context", context, "--mock", """{"result": "{}"}""");

        var parameters = JsonNode.Parse(response["inspectionData"]!["afterParameters"]!.GetValue<string>())!;
        Assert.Equal("""{"values":["charizard","pikachu"],"entered":"MyTaskState"}""", parameters["Payload"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"Type": "Pass", "End": true}""", """{"result": "{}"}""", null, null,
        "State type 'Pass' is not supported when a mock is specified")]
    [InlineData(LambdaTask, """{"result": "{}", "errorOutput": {"error": "E"}}""", null, null,
        "A test mock should have only one of the following fields: [result, errorOutput].")]
    [InlineData(LambdaTask, """{"result": "not JSON string", "fieldValidationMode": "NONE"}""", null, null, "Mocked result must be valid JSON")]
    [InlineData(LambdaTask, """{"result": "{}"}""", "--context", """{"Map": {}}""",
        "Invalid Context object provided: 'Map' field is not supported when mocking a Context object")]
    [InlineData(LambdaTask, """{"result": "{}"}""", "--context", """{"Execution": {"pokemon": "squirtle"}}""",
        "Invalid Context object provided: Field 'pokemon' is not allowed")]
    [InlineData(LambdaTask, """{"result": "{}"}""", "--context", """{"Execution": {"Id": 1}}""",
        "Invalid Context object provided: Execution.Id must be a string")]
    [InlineData(LambdaTask, """{"result": "{}"}""", "--context", """{"Task": {"Token": "abc"}}""",
        "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or "
        + "'.waitForTaskToken' service integration pattern")]
    [InlineData(LambdaTask, """{"result": "{}"}""", "--reveal-secrets", null, "TestState does not support RevealSecrets when a mock is specified.")]
    [InlineData(ToleratingMap, """{"result": "{\"a\": 1}"}""", null, null, "Mocked result must be an array.")]
    [InlineData(ToleratingMap, """{"result": "[1, 1, 1]"}""", "--state-configuration", """{"mapIterationFailureCount": 4}""",
        "Map iteration failure count must be less than or equal to the number of Map iterations")]
    [InlineData(ToleratingMap, null, "--state-configuration", """{"mapIterationFailureCount": 0}""",
        "TestState does not support MapIterationFailureCount when a mock is not specified.")]
    public async Task A_request_AWS_refuses_gets_its_ValidationException(string definition, string? mock, string? option, string? value, string message)
    {
        var args = new List<string> { "--definition", definition, "--input", """{"Values": [1, 1, 1], "fn": "f"}""" };
        if (mock is not null)
        {
            args.AddRange(["--mock", mock]);
        }

        if (option is not null)
        {
            args.Add(option);
        }

        if (value is not null)
        {
            args.Add(value);
        }

        var error = await RejectedAsync([.. args]);

        Assert.Contains("(ValidationException)", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private async Task<JsonNode> TestAsync(params string[] args)
    {
        var (exit, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, NoHostPrefix, ["stepfunctions", "test-state", .. args]);
        Assert.True(exit == 0, $"aws stepfunctions test-state exited {exit}: {error}");
        return JsonNode.Parse(output)!;
    }

    /// <summary>A test-state call the service refuses: the CLI's error text (with the AWS error code and message).</summary>
    private async Task<string> RejectedAsync(params string[] args)
    {
        var (exit, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, NoHostPrefix, ["stepfunctions", "test-state", .. args]);
        Assert.True(exit != 0, $"aws stepfunctions test-state succeeded where AWS refuses: {output}");
        return error;
    }
}
