using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// TestState, StartSyncExecution and ValidateStateMachineDefinition through the real AWS CLI. The CLI sends the first
/// two to the <c>sync-</c> host prefix, which resolves nowhere on a plain machine; with host-prefix injection
/// disabled (AWS_DISABLE_HOST_PREFIX_INJECTION=true, or disable_host_prefix_injection in the profile) it calls the
/// endpoint as given. The emulator also answers requests whose Host carries the prefix.
/// </summary>
public sealed class StepFunctionsSyncTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly Dictionary<string, string> NoHostPrefix = new() { ["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true" };

    [Fact]
    public async Task The_CLI_tests_a_JSONata_Pass_state_with_variables_and_gets_AWS_inspection_data()
    {
        const string Definition = """
        {"QueryLanguage": "JSONata", "Type": "Pass", "Next": "Done",
         "Assign": {"total": "{% $count + $states.input.n %}"},
         "Output": {"sum": "{% $count + $states.input.n %}", "before": "{% $count %}"}}
        """;

        var response = JsonNode.Parse((await Cli("stepfunctions", "test-state", "--definition", Definition, "--input", """{"n": 2}""",
            "--variables", """{"count": 40}""", "--inspection-level", "DEBUG")).Output)!;

        Assert.Equal("SUCCEEDED", response["status"]!.GetValue<string>());
        Assert.Equal("Done", response["nextState"]!.GetValue<string>());
        Assert.Equal("""{"sum":42,"before":40}""", response["output"]!.GetValue<string>());
        Assert.Equal("""{"n":2}""", response["inspectionData"]!["input"]!.GetValue<string>());
        Assert.Equal("""{"count":40,"total":42}""", response["inspectionData"]!["variables"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_CLI_tests_a_JSONPath_state_and_sees_each_stage_of_its_data_flow()
    {
        const string Definition = """
        {"Type": "Pass", "End": true, "InputPath": "$.initialData", "ResultPath": "$.modifiedData",
         "Parameters": {"staticValue": "some value", "inputValue.$": "$.fieldFromInput"}}
        """;

        var response = JsonNode.Parse((await Cli("stepfunctions", "test-state", "--definition", Definition, "--inspection-level", "TRACE",
            "--input", """{"initialData": {"fieldFromInput": "value from input", "otherField": "other"}}""")).Output)!;

        var data = response["inspectionData"]!;
        Assert.Equal("""{"fieldFromInput":"value from input","otherField":"other"}""", data["afterInputPath"]!.GetValue<string>());
        Assert.Equal("""{"staticValue":"some value","inputValue":"value from input"}""", data["afterParameters"]!.GetValue<string>());
        Assert.Equal(data["afterParameters"]!.GetValue<string>(), data["afterResultSelector"]!.GetValue<string>());
        Assert.Contains("\"modifiedData\":{\"staticValue\":\"some value\"", data["afterResultPath"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(response["nextState"]);
    }

    [Fact]
    public async Task At_INFO_level_there_is_no_inspection_data_and_a_Fail_state_reports_its_error()
    {
        var response = JsonNode.Parse((await Cli("stepfunctions", "test-state",
            "--definition", """{"Type": "Fail", "Error": "SomeFailure", "Cause": "because"}""")).Output)!;

        Assert.Equal("FAILED", response["status"]!.GetValue<string>());
        Assert.Equal("SomeFailure", response["error"]!.GetValue<string>());
        Assert.Equal("because", response["cause"]!.GetValue<string>());
        Assert.Null(response["inspectionData"]);
    }

    [Fact]
    public async Task The_emulator_answers_on_the_sync_prefixed_host_the_SDKs_address()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl)
        {
            Content = new StringContent(
                """{"definition": "{\"Type\": \"Pass\", \"Result\": 7, \"End\": true}"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.TestState");
        // Signed for the sync- host, as the SDKs sign it (the signer takes the Host from the URL), then sent to loopback
        // with that Host header: *.localhost does not resolve on every machine.
        var syncHost = new UriBuilder(emulator.Host.ServiceUrl) { Host = "sync-localhost" }.Uri;
        request.RequestUri = syncHost;
        await SignedRequests.SignAsync(request, "states");
        request.RequestUri = emulator.Host.ServiceUrl;
        request.Headers.Host = syncHost.Authority;

        using var response = await http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("7", JsonNode.Parse(body)!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartSyncExecution_runs_an_EXPRESS_machine_to_its_end_and_refuses_a_STANDARD_one()
    {
        var name = "sync-" + Guid.NewGuid().ToString("N")[..8];
        const string Definition = """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.a * 2 %}", "End": true}}}
        """;
        var express = JsonNode.Parse((await Cli("stepfunctions", "create-state-machine", "--name", name, "--type", "EXPRESS",
            "--role-arn", "arn:aws:iam::000000000000:role/r", "--definition", Definition)).Output)!["stateMachineArn"]!.GetValue<string>();

        var result = JsonNode.Parse((await Cli("stepfunctions", "start-sync-execution", "--state-machine-arn", express, "--input", """{"a": 21}""")).Output)!;

        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.Equal("42", result["output"]!.GetValue<string>());
        Assert.StartsWith($"arn:aws:states:us-east-1:000000000000:express:{name}:", result["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(result["billingDetails"]!["billedDurationInMilliseconds"]!.GetValue<long>() >= 100);

        var standard = JsonNode.Parse((await Cli("stepfunctions", "create-state-machine", "--name", name + "-std",
            "--role-arn", "arn:aws:iam::000000000000:role/r", "--definition", Definition)).Output)!["stateMachineArn"]!.GetValue<string>();
        var (exit, _, error) = await AwsCli.RunAsync(
            emulator.Host.ServiceUrl, NoHostPrefix, "stepfunctions", "start-sync-execution", "--state-machine-arn", standard);
        Assert.NotEqual(0, exit);
        Assert.Contains("StateMachineTypeNotSupported", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateStateMachineDefinition_lists_every_problem_with_its_location()
    {
        var ok = JsonNode.Parse((await Cli("stepfunctions", "validate-state-machine-definition",
            "--definition", """{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""")).Output)!;
        var failed = JsonNode.Parse((await Cli("stepfunctions", "validate-state-machine-definition",
            "--definition", """{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Teleport", "End": true}}}""")).Output)!;

        Assert.Equal("OK", ok["result"]!.GetValue<string>());
        Assert.Equal("FAIL", failed["result"]!.GetValue<string>());
        var locations = failed["diagnostics"]!.AsArray().Select(d => d!["location"]!.GetValue<string>()).ToList();
        Assert.Contains("/States/A/Next", locations);
        Assert.Contains("/States/B/Type", locations);
    }

    private async Task<(int ExitCode, string Output, string Error)> Cli(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, NoHostPrefix, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
