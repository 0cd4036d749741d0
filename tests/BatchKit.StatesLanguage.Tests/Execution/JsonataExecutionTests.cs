using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.Tests.Execution;

/// <summary>JSONata states and workflow variables as AWS runs them (the AWS-recorded cases are in the conformance suite).</summary>
public sealed class JsonataExecutionTests
{
    [Fact]
    public async Task Assign_and_Output_both_see_the_variables_as_they_were_when_the_state_was_entered()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
          "A": {"Type": "Pass", "Assign": {"n": 1}, "Next": "B"},
          "B": {"Type": "Pass", "Assign": {"n": "{% $n + 10 %}"}, "Output": {"before": "{% $n %}", "x": "{% $states.input.x %}"}, "Next": "C"},
          "C": {"Type": "Pass", "Output": "{% $n %}", "End": true}}}
        """;

        var run = await EngineHarness.Finished(new EngineHarness().Start(Definition, """{"x": "in"}"""));

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal("11", run.Output);
        var exitedB = run.GetHistory().Single(e => e.Type == "PassStateExited" && e.Details!["name"]!.GetValue<string>() == "B").Details!;
        Assert.Equal("""{"before":1,"x":"in"}""", exitedB["output"]!.GetValue<string>());
        Assert.Equal("11", exitedB["assignedVariables"]!["n"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_gets_its_Arguments_and_Output_reads_the_result()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Arguments": {"FunctionName": "f", "Payload": {"sum": "{% $sum($states.input.v) %}"}},
          "Output": "{% $states.result.echo.Payload.sum * 2 %}", "End": true}}}
        """;
        var harness = new EngineHarness();

        var run = await EngineHarness.Finished(harness.Start(Definition, """{"v": [1, 2, 3]}"""));

        Assert.Equal("12", run.Output);
        Assert.Equal("""{"FunctionName":"f","Payload":{"sum":6}}""", Assert.Single(harness.Invocations).Parameters!.ToJsonString());
    }

    [Fact]
    public async Task A_catcher_outputs_and_assigns_from_the_error_output()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done",
              "Output": {"caught": "{% $states.errorOutput.Error %}"}, "Assign": {"why": "{% $states.errorOutput.Cause %}"}}]},
          "Done": {"Type": "Pass", "Output": "{% $merge([$states.input, {'why': $why}]) %}", "End": true}}}
        """;
        var harness = new EngineHarness { Answer = _ => TaskResult.Failure("Boom", "it broke") };

        var run = await EngineHarness.Finished(harness.Start(Definition));

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        Assert.Equal("""{"caught":"Boom","why":"it broke"}""", run.Output);
    }

    [Fact]
    public async Task A_failed_expression_is_a_States_QueryEvaluationError_recorded_as_an_EvaluationFailed_event()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {"r": "{% $states.input.missing %}"}, "End": true}}}
        """;

        var run = await EngineHarness.Finished(new EngineHarness().Start(Definition));

        Assert.Equal("States.QueryEvaluationError", run.Error);
        Assert.Equal(
            "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.missing' "
            + "specified for the field 'Output/r' returned nothing (undefined).",
            run.Cause);
        var failed = run.GetHistory().Single(e => e.Type == "EvaluationFailed");
        Assert.Equal("Output/r", failed.Details!["location"]!.GetValue<string>());
        Assert.Equal("P", failed.Details!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_map_iteration_cannot_assign_a_variable_of_an_outer_scope()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"total": 0}, "Next": "M"},
          "M": {"Type": "Map", "Items": [1, 2], "End": true,
            "ItemProcessor": {"StartAt": "Add", "States": {"Add": {"Type": "Pass", "Assign": {"total": "{% $total + 1 %}"}, "End": true}}}}}}
        """;

        var run = await EngineHarness.Finished(new EngineHarness().Start(Definition));

        Assert.Equal(ExecutionStatus.Failed, run.Status);
        Assert.Equal("States.Runtime", run.Error);
        Assert.Contains("Cannot bind value '1' to variable 'total' as it belongs to an outer scope.", run.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inner_states_read_outer_variables_and_keep_their_own_writes_local()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"factor": 10}, "Next": "M"},
          "M": {"Type": "Map", "Items": "{% $states.input.items %}", "Next": "After",
            "ItemProcessor": {"StartAt": "Scale", "States": {
              "Scale": {"Type": "Pass", "Assign": {"local": "{% $states.input * $factor %}"}, "Next": "Out"},
              "Out": {"Type": "Pass", "Output": "{% $local %}", "End": true}}}},
          "After": {"Type": "Pass", "Output": {"results": "{% $states.input %}", "localSeen": "{% $exists($local) %}"}, "End": true}}}
        """;

        var run = await EngineHarness.Finished(new EngineHarness().Start(Definition, """{"items": [1, 2, 3]}"""));

        Assert.Equal("""{"results":[10,20,30],"localSeen":false}""", run.Output);
    }

    [Fact]
    public async Task A_variable_over_256_KiB_fails_with_States_DataLimitExceeded()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"big": "{% $pad('', 300000, 'x') %}"}, "End": true}}}
        """;

        var run = await EngineHarness.Finished(new EngineHarness().Start(Definition));

        Assert.Equal("States.DataLimitExceeded", run.Error);
        Assert.Contains("'big'", run.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_functions_Step_Functions_adds_to_JSONata()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "Output": {
          "partition": "{% $partition([1, 2, 3, 4, 5], 2) %}",
          "range": "{% $range(0, 10, 5) %}",
          "hash": "{% $hash('abc', 'SHA-256') %}",
          "seeded": "{% $random(7) = $random(7) %}",
          "unit": "{% $random() >= 0 and $random() < 1 %}",
          "uuid": "{% $length($uuid()) %}",
          "parsed": "{% $parse('{\"a\": [1]}').a[0] %}"}}}}
        """;

        var run = await EngineHarness.Finished(new EngineHarness().Start(Definition));

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
        var output = JsonNode.Parse(run.Output!)!;
        Assert.Equal("[[1,2],[3,4],[5]]", output["partition"]!.ToJsonString());
        Assert.Equal("[0,5,10]", output["range"]!.ToJsonString());
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", output["hash"]!.GetValue<string>());
        Assert.True(output["seeded"]!.GetValue<bool>());
        Assert.True(output["unit"]!.GetValue<bool>());
        Assert.Equal(36, output["uuid"]!.GetValue<int>());
        Assert.Equal(1, output["parsed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Wait_Seconds_from_an_expression_waits_on_the_engine_clock()
    {
        var clock = new ManualTimeProvider();
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "{% $states.input.s * 60 %}", "End": true}}}
        """;
        var run = new EngineHarness { Time = clock }.Start(Definition, """{"s": 2}""");
        await EngineHarness.Until(() => clock.PendingTimers > 0);

        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(ExecutionStatus.Running, run.Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        await EngineHarness.Finished(run);

        Assert.Equal(ExecutionStatus.Succeeded, run.Status);
    }
}
