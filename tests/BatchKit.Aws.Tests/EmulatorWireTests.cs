using Amazon.Runtime;
using BatchKit.Aws.StepFunctions;
using BatchKit.Emulator;

namespace BatchKit.Aws.Tests;

/// <summary>The thin clients against the embedded emulator over real HTTP, endpoint taken from AWS_ENDPOINT_URL as in production.</summary>
public sealed class EmulatorWireTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-aws-").FullName;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Step_Functions_create_start_describe_and_read_history()
    {
        using var sfn = new StepFunctionsClient(Options());
        var machine = await sfn.CreateStateMachineAsync("wire", """{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": true}}}""", "arn:aws:iam::000000000000:role/r");
        var run = await sfn.StartExecutionAsync(machine.StateMachineArn, "first", """{"n": 3}""");

        var described = await Eventually.ValueAsync(() => sfn.DescribeExecutionAsync(run.ExecutionArn), d => d.Status != "RUNNING", "the execution ending");

        Assert.Equal(("SUCCEEDED", """{"n":3}"""), (described.Status, described.Output));
        var history = await sfn.GetExecutionHistoryAsync(run.ExecutionArn);
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], history.Events.Select(e => e.Type));
        Assert.Contains("\"name\":\"P\"", history.Events[1].DetailsJson, StringComparison.Ordinal);
        Assert.Single((await sfn.ListExecutionsAsync(machine.StateMachineArn)).Executions);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => sfn.SendTaskSuccessAsync("not-a-token", "{}"));
        Assert.Equal("InvalidToken", e.ErrorCode);
    }

    private AwsClientOptions Options() => new()
    {
        Environment = new FakeEnvironment(new() { ["AWS_ENDPOINT_URL"] = _emulator.ServiceUrl.ToString(), ["AWS_REGION"] = "us-east-1" }),
        Credentials = new BasicAWSCredentials("test", "test"),
        MaxAttempts = 1,
    };
}
