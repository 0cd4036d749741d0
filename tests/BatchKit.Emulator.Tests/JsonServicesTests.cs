using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>SSM and Step Functions over the AWS JSON protocol, including the error shapes.</summary>
public sealed class JsonServicesTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Ssm_parameters_are_versioned_and_refuse_silent_overwrites()
    {
        var name = "/config/" + Guid.NewGuid().ToString("N");
        var (status, put) = await emulator.JsonAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = name, ["Value"] = "v1", ["Type"] = "String" });
        Assert.Equal((200, 1), (status, put["Version"]!.GetValue<int>()));

        var (conflict, error) = await emulator.JsonAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = name, ["Value"] = "v2", ["Type"] = "String" });
        Assert.Equal((400, "ParameterAlreadyExists"), (conflict, error["__type"]!.GetValue<string>()));

        await emulator.JsonAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = name, ["Value"] = "v2", ["Overwrite"] = true });
        var (_, got) = await emulator.JsonAsync("AmazonSSM.GetParameter", "ssm", new JsonObject { ["Name"] = name });
        Assert.Equal(("v2", 2), (got["Parameter"]!["Value"]!.GetValue<string>(), got["Parameter"]!["Version"]!.GetValue<int>()));

        var (missing, notFound) = await emulator.JsonAsync("AmazonSSM.GetParameter", "ssm", new JsonObject { ["Name"] = "/nope" });
        Assert.Equal((400, "ParameterNotFound"), (missing, notFound["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_operations_and_bad_bodies_get_JSON_errors_not_500_pages()
    {
        var (unknown, body) = await emulator.JsonAsync("AWSStepFunctions.TeleportExecution", "states", []);
        Assert.Equal((400, "UnknownOperationException"), (unknown, body["__type"]!.GetValue<string>()));

        var (service, noService) = await emulator.JsonAsync("AmazonDynamoDB.PutItem", "dynamodb", []);
        Assert.Equal((400, "UnknownOperationException"), (service, noService["__type"]!.GetValue<string>()));

        var (wrongType, typeError) = await emulator.JsonAsync("AmazonSSM.GetParameter", "ssm", new JsonObject { ["Name"] = 42 });
        Assert.Equal((400, "SerializationException"), (wrongType, typeError["__type"]!.GetValue<string>()));

        using var unsigned = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl) { Content = new StringContent("{}") };
        unsigned.Headers.Add("X-Amz-Target", "AmazonSSM.GetParameter");
        using var response = await emulator.Http.SendAsync(unsigned);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_Functions_runs_an_execution_and_is_idempotent_on_the_name()
    {
        var name = "sm-" + Guid.NewGuid().ToString("N")[..8];
        var (created, machine) = await emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = name,
            ["roleArn"] = "arn:aws:iam::000000000000:role/r",
            // Long enough that the second StartExecution finds it RUNNING on a loaded machine (StartExecution fsyncs its record).
            ["definition"] = """{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 4, "Next": "P"}, "P": {"Type": "Pass", "Parameters": {"day.$": "$.day"}, "End": true}}}""",
        });
        Assert.Equal(200, created);
        var start = new JsonObject { ["stateMachineArn"] = machine["stateMachineArn"]!.GetValue<string>(), ["name"] = "run-1", ["input"] = """{"day": "2026-11-22"}""" };

        var (_, first) = await emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", start);
        var (again, second) = await emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", (JsonObject)start.DeepClone());
        Assert.True(again == 200, second.ToJsonString());
        Assert.Equal(first["executionArn"]!.GetValue<string>(), second["executionArn"]!.GetValue<string>());

        var arn = first["executionArn"]!.GetValue<string>();
        var described = await emulator.WaitForExecutionAsync(arn);

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"day":"2026-11-22"}""", described["output"]!.GetValue<string>());
        var (_, history) = await emulator.JsonAsync("AWSStepFunctions.GetExecutionHistory", "states", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 3 });
        Assert.Equal(3, history["events"]!.AsArray().Count);
        Assert.NotNull(history["nextToken"]);

        var (dup, exists) = await emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", (JsonObject)start.DeepClone());
        Assert.Equal((400, "ExecutionAlreadyExists"), (dup, exists["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_with_every_problem_named()
    {
        var (status, error) = await emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = "bad",
            ["roleArn"] = "arn:aws:iam::000000000000:role/r",
            ["definition"] = """{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "C": {"Type": "Pass", "End": true}}}""",
        });

        Assert.Equal((400, "InvalidDefinition"), (status, error["__type"]!.GetValue<string>()));
        Assert.Contains("/States/A/Next", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/States/C", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
