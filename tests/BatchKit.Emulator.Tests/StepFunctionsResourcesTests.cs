using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>Activities, tags and DescribeStateMachineForExecution over the AWS JSON protocol, with AWS's error codes.</summary>
public sealed class StepFunctionsResourcesTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Activities_are_created_idempotently_described_listed_and_deleted()
    {
        var name = "act-" + Guid.NewGuid().ToString("N")[..8];
        var created = await Ok("CreateActivity", new JsonObject { ["name"] = name });
        var again = await Ok("CreateActivity", new JsonObject { ["name"] = name });
        var arn = created["activityArn"]!.GetValue<string>();

        Assert.Equal($"arn:aws:states:us-east-1:000000000000:activity:{name}", arn);
        Assert.Equal(arn, again["activityArn"]!.GetValue<string>());
        Assert.Equal(name, (await Ok("DescribeActivity", new JsonObject { ["activityArn"] = arn }))["name"]!.GetValue<string>());
        var listed = (await Ok("ListActivities", []))["activities"]!.AsArray().Select(a => a!["activityArn"]!.GetValue<string>());
        Assert.Contains(arn, listed);

        await Ok("DeleteActivity", new JsonObject { ["activityArn"] = arn });
        var (status, body) = await emulator.JsonAsync("AWSStepFunctions.DescribeActivity", "states", new JsonObject { ["activityArn"] = arn });
        Assert.Equal(400, status);
        Assert.Equal("ActivityDoesNotExist", body["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tags_are_added_replaced_by_key_listed_and_removed()
    {
        var arn = (await Ok("CreateStateMachine", new JsonObject
        {
            ["name"] = "tags-" + Guid.NewGuid().ToString("N")[..8],
            ["roleArn"] = "arn:aws:iam::000000000000:role/r",
            ["definition"] = """{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""",
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "team", ["value"] = "sales" }),
        }))["stateMachineArn"]!.GetValue<string>();

        await Ok("TagResource", new JsonObject
        {
            ["resourceArn"] = arn,
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "team", ["value"] = "ops" }, new JsonObject { ["key"] = "env", ["value"] = "dev" }),
        });
        await Ok("UntagResource", new JsonObject { ["resourceArn"] = arn, ["tagKeys"] = new JsonArray("env") });

        var tags = await Ok("ListTagsForResource", new JsonObject { ["resourceArn"] = arn });
        Assert.Equal("""[{"key":"team","value":"ops"}]""", tags["tags"]!.ToJsonString());
        var (status, body) = await emulator.JsonAsync("AWSStepFunctions.ListTagsForResource", "states",
            new JsonObject { ["resourceArn"] = arn + "-missing" });
        Assert.Equal((400, "ResourceNotFound"), (status, body["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DescribeStateMachineForExecution_returns_the_definition_the_execution_runs()
    {
        const string Definition = """{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
        var machine = (await Ok("CreateStateMachine", new JsonObject
        {
            ["name"] = "for-exec-" + Guid.NewGuid().ToString("N")[..8],
            ["roleArn"] = "arn:aws:iam::000000000000:role/r",
            ["definition"] = Definition,
        }))["stateMachineArn"]!.GetValue<string>();
        var execution = (await Ok("StartExecution", new JsonObject { ["stateMachineArn"] = machine }))["executionArn"]!.GetValue<string>();

        var described = await Ok("DescribeStateMachineForExecution", new JsonObject { ["executionArn"] = execution });

        Assert.Equal(machine, described["stateMachineArn"]!.GetValue<string>());
        Assert.Equal(Definition, described["definition"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operation_not_emulated_answers_an_AWS_shaped_error_naming_it()
    {
        // Every operation of botocore's model is served now (docs/coverage.md), so one outside it stands in for the next
        // operation AWS adds.
        var (status, body) = await emulator.JsonAsync("AWSStepFunctions.PauseMapRun", "states", new JsonObject { ["mapRunArn"] = "arn:x" });

        Assert.Equal(400, status);
        Assert.Equal("UnknownOperationException", body["__type"]!.GetValue<string>());
        Assert.Contains("PauseMapRun", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> Ok(string operation, JsonObject request)
    {
        var (status, body) = await emulator.JsonAsync("AWSStepFunctions." + operation, "states", request);
        Assert.True(status == 200, $"{operation}: {status} {body.ToJsonString()}");
        return body;
    }
}
