using System.Text.Json.Nodes;
using BatchKit.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Step Functions operations over the AWS JSON protocol, signed as an SDK signs them (AWSSDK.StepFunctions has no
/// package on this machine's feed; the `aws stepfunctions` CLI tests cover the official client side). One instance per
/// endpoint, so restart tests use it against each emulator they start.
/// </summary>
internal sealed class StatesApi(Func<string, JsonObject, Task<(int Status, JsonObject Body)>> send)
{
    public const string Role = "arn:aws:iam::000000000000:role/sfn";

    public static StatesApi Of(EmulatorFixture emulator) => new((operation, body) => emulator.JsonAsync("AWSStepFunctions." + operation, "states", body));

    public static StatesApi Of(EndpointClient client) => new((operation, body) => client.JsonAsync("AWSStepFunctions." + operation, "states", body));

    public async Task<JsonObject> OkAsync(string operation, JsonObject request)
    {
        var (status, body) = await send(operation, request);
        Assert.True(status == 200, $"{operation} answered {status}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>An operation that must fail with HTTP 400; its error code (__type) and message.</summary>
    public async Task<(string Code, string Message)> ErrorAsync(string operation, JsonObject request)
    {
        var (status, body) = await send(operation, request);
        Assert.True(status == 400, $"{operation} answered {status}, not 400: {body.ToJsonString()}");
        return (body["__type"]!.GetValue<string>(), body["message"]?.GetValue<string>() ?? "");
    }

    public async Task<string> CreateMachineAsync(string name, string definition, string type = "STANDARD") =>
        (await OkAsync("CreateStateMachine", new JsonObject { ["name"] = name, ["roleArn"] = Role, ["definition"] = definition, ["type"] = type }))
            ["stateMachineArn"]!.GetValue<string>();

    public async Task<string> CreateActivityAsync(string name) =>
        (await OkAsync("CreateActivity", new JsonObject { ["name"] = name }))["activityArn"]!.GetValue<string>();

    public async Task<string> StartAsync(string machineArn, string input = "{}") =>
        (await OkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machineArn, ["input"] = input }))["executionArn"]!.GetValue<string>();

    public Task<JsonObject> DescribeAsync(string executionArn) => OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });

    /// <summary>DescribeExecution until the execution leaves RUNNING (60 s at most).</summary>
    public Task<JsonObject> WaitAsync(string executionArn) => Eventually.ValueAsync(
        () => DescribeAsync(executionArn),
        d => d["status"]!.GetValue<string>() != "RUNNING",
        $"the execution {executionArn} ending",
        null,
        d => d.ToJsonString());

    /// <summary>A worker's GetActivityTask, polled again until a task comes (60 s at most): its token and input.</summary>
    public async Task<(string Token, JsonNode? Input)> TakeTaskAsync(string activityArn, string workerName = "worker-1")
    {
        var task = await Eventually.ValueAsync(
            () => OkAsync("GetActivityTask", new JsonObject { ["activityArn"] = activityArn, ["workerName"] = workerName }),
            t => t["taskToken"] is not null, $"a task of {activityArn}");
        return (task["taskToken"]!.GetValue<string>(), JsonNode.Parse(task["input"]!.GetValue<string>()));
    }

    public Task<JsonObject> SucceedAsync(string token, JsonNode output) =>
        OkAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = output.ToJsonString() });

    public Task<JsonObject> FailAsync(string token, string error, string cause) =>
        OkAsync("SendTaskFailure", new JsonObject { ["taskToken"] = token, ["error"] = error, ["cause"] = cause });

    public async Task<List<JsonObject>> HistoryAsync(string executionArn) =>
        [.. (await OkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = 1000 }))["events"]!.AsArray()
            .Select(e => e!.AsObject())];

    public async Task<List<string>> HistoryTypesAsync(string executionArn) =>
        [.. (await HistoryAsync(executionArn)).Select(e => e["type"]!.GetValue<string>())];

    /// <summary>A machine of one Task state on <paramref name="activityArn"/>.</summary>
    public static string OneTask(string activityArn) =>
        """{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "ACTIVITY", "End": true}}}"""
            .Replace("ACTIVITY", activityArn, StringComparison.Ordinal);

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
