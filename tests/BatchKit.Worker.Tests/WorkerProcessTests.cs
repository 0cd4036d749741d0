using System.Diagnostics;

namespace BatchKit.Worker.Tests;

/// <summary>The built worker binary as a real child process, configured only through its environment, against the emulator.</summary>
public sealed class WorkerProcessTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task The_process_reads_S3_aggregates_and_reaches_Step_Functions_through_AWS_ENDPOINT_URL()
    {
        // A token the emulator never issued: the worker does all its work, then Step Functions refuses the answer.
        var (exit, output, error) = await RunAsync(new()
        {
            ["TASK_TOKEN"] = "not-issued-by-this-endpoint",
            ["S3_BUCKET"] = WorkerFixture.Bucket,
            ["S3_KEY"] = "processed/day01/store_1002.json",
        });

        // The summary line is written only after the whole file was read from S3 and summed: a failed read would
        // answer the token with a failure instead and never print it. Its figures are day01's, from the expected file.
        var expected = Sales.DayTotals.Read(RepositoryPaths.SharedFile("data", "online-retail", "day01.expected.json")).Stores["store_1002"];
        Assert.Equal(2, exit);
        Assert.True(output.Contains($"processed/day01/store_1002.json: {expected.Rows} rows, total {Sales.Money.ToText(expected.Total)} in ", StringComparison.Ordinal), $"stdout:\n{output}\nstderr:\n{error}");
        Assert.Contains("refused the answer for s3://batchkit-sales/processed/day01/store_1002.json", error, StringComparison.Ordinal);
        Assert.Contains("InvalidToken", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_variable_is_a_clear_startup_error()
    {
        var (exit, _, error) = await RunAsync(new() { ["S3_BUCKET"] = WorkerFixture.Bucket });

        Assert.Equal(1, exit);
        Assert.Contains("cannot start: TASK_TOKEN is not set; S3_KEY is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_startup_error_whose_failure_report_is_refused_still_exits_cleanly()
    {
        var (exit, _, error) = await RunAsync(new() { ["TASK_TOKEN"] = "not-issued-by-this-endpoint" });

        Assert.Equal(2, exit);
        Assert.Contains("cannot start: S3_BUCKET is not set; S3_KEY is not set", error, StringComparison.Ordinal);
        Assert.Contains("refused the failure report too:", error, StringComparison.Ordinal);
        Assert.Contains("Invalid Token", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_region_is_one_line_not_a_stack_trace()
    {
        var (exit, output, error) = await RunAsync(
            new() { ["TASK_TOKEN"] = "t", ["S3_BUCKET"] = WorkerFixture.Bucket, ["S3_KEY"] = "processed/day01/store_1002.json" },
            without: ["AWS_REGION", "AWS_DEFAULT_REGION"]);

        Assert.Equal(1, exit);
        Assert.Equal("batchkit-worker: cannot start: No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION).", error.Trim());
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("soon")]
    public async Task A_bad_heartbeat_interval_answers_the_real_task_token_with_a_named_failure(string heartbeat)
    {
        var (executionArn, token) = await WaitingTaskTokenAsync();

        var (exit, _, error) = await RunAsync(new()
        {
            ["TASK_TOKEN"] = token, ["S3_BUCKET"] = WorkerFixture.Bucket, ["S3_KEY"] = "processed/day01/store_1002.json", ["BATCHKIT_HEARTBEAT_SECONDS"] = heartbeat,
        });

        Assert.Equal(1, exit);
        Assert.Contains($"BATCHKIT_HEARTBEAT_SECONDS must be a number of seconds above 0, got '{heartbeat}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        using var sfn = StepFunctions();
        var described = await sfn.DescribeExecutionAsync(executionArn);
        Assert.Equal(("FAILED", "BatchKit.Configuration"), (described.Status, described.Error));
        Assert.Contains("BATCHKIT_HEARTBEAT_SECONDS", described.Cause, StringComparison.Ordinal);
    }

    /// <summary>
    /// An execution waiting at an ecs:runTask.waitForTaskToken state (its task's image is not mapped, so it stops at
    /// once without answering), and the token the workflow handed the task, read from the TaskScheduled event.
    /// </summary>
    private async Task<(string ExecutionArn, string Token)> WaitingTaskTokenAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var ecs = new BatchKit.Aws.Ecs.EcsClient(Options());
        await ecs.CreateClusterAsync("workers");
        await ecs.RegisterTaskDefinitionAsync(new BatchKit.Aws.Ecs.RegisterTaskDefinitionRequest
        {
            Family = "worker", ContainerDefinitions = [new BatchKit.Aws.Ecs.ContainerDefinition { Name = "main", Image = "not-mapped" }],
        });
        using var sfn = StepFunctions();
        var machine = await sfn.CreateStateMachineAsync("wait-" + suffix, """
            {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken", "TimeoutSeconds": 120,
              "Parameters": {"Cluster": "workers", "TaskDefinition": "worker",
                "Overrides": {"ContainerOverrides": [{"Name": "main", "Environment": [{"Name": "TASK_TOKEN", "Value.$": "$$.Task.Token"}]}]}},
              "End": true}}}
            """, "arn:aws:iam::000000000000:role/sfn");
        var run = await sfn.StartExecutionAsync(machine.StateMachineArn, "run", "{}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var scheduled = (await sfn.GetExecutionHistoryAsync(run.ExecutionArn)).Events.FirstOrDefault(e => e.Type == "TaskScheduled");
            if (scheduled?.DetailsJson is { } details)
            {
                var token = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.Nodes.JsonNode.Parse(details)!["parameters"]!.GetValue<string>())!
                    ["Overrides"]!["ContainerOverrides"]![0]!["Environment"]![0]!["Value"]!.GetValue<string>();
                return (run.ExecutionArn, token);
            }

            Assert.True(DateTime.UtcNow < deadline, "the execution did not schedule its task within 30 s");
            await Task.Delay(50);
        }
    }

    private BatchKit.Aws.StepFunctions.StepFunctionsClient StepFunctions() => new(Options());

    private BatchKit.Aws.AwsClientOptions Options() => new()
    {
        Endpoint = fixture.Emulator.ServiceUrl,
        Region = "us-east-1",
        Credentials = new Amazon.Runtime.BasicAWSCredentials("test", "test"),
        MaxAttempts = 1,
    };

    private async Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string> variables, string[]? without = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "batchkit-worker")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in new[] { "TASK_TOKEN", "S3_BUCKET", "S3_KEY", "AWS_PROFILE" })
        {
            start.Environment.Remove(name);
        }

        // What the emulator gives an ECS task: its endpoint as an IP literal (path-style S3), dummy credentials.
        start.Environment["AWS_ENDPOINT_URL"] = fixture.Emulator.ServiceUrl.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true"; // no region lookup may leave this machine
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        foreach (var name in without ?? [])
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
