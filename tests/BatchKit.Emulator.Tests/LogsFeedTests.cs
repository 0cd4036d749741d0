using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// A real Lambda function's and a real ECS task's output found in CloudWatch Logs through the AWS CLI, in the groups
/// and streams AWS writes them to: <c>/aws/lambda/&lt;function&gt;</c> with <c>YYYY/MM/DD/[$LATEST]&lt;id&gt;</c> and the
/// START/END/REPORT lines, and the task definition's awslogs group with <c>prefix/container/taskId</c>; and the
/// events still there after a restart on the same data directory.
/// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
/// </summary>
public sealed partial class LogsFeedTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-logs-feed-").FullName;
    private readonly string _code = LambdaFunctions.CodeDirectory();
    private EmulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_code, recursive: true);
    }

    private Task<EmulatorHost> StartAsync() => EmulatorHost.StartAsync(new EmulatorOptions
    {
        Port = 0,
        DataDirectory = _data,
        HotReloadDirectories = [_code],
        EcsImageCommands = new Dictionary<string, string[]>
        {
            ["validator"] = ["/bin/sh", "-c", "echo \"validated $S3_KEY\"; echo 'warning: 2 rows skipped' >&2"],
        },
    });

    private async Task<JsonNode> Cli(params string[] args)
    {
        var (exit, output, error) = await AwsCli.RunAsync(_host.ServiceUrl, args);
        Assert.True(exit == 0, $"aws {string.Join(' ', args)}: {error}");
        return JsonNode.Parse(output)!;
    }

    [GeneratedRegex(@"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$")]
    private static partial Regex LambdaStreamName();

    [Fact]
    public async Task A_Lambda_invocation_writes_its_output_framed_by_START_END_REPORT_to_its_log_group()
    {
        await Cli("lambda", "create-function", "--function-name", "logged", "--runtime", "provided.al2023", "--role", "arn:aws:iam::000000000000:role/lambda",
            "--handler", "echo", "--code", $"S3Bucket=hot-reload,S3Key={_code}");
        var invoked = await Cli("lambda", "invoke", "--function-name", "logged", "--payload", "{}", "/dev/null");
        Assert.Equal(200, invoked["StatusCode"]!.GetValue<int>());

        var events = await Eventually.ValueAsync(
            async () => (await Cli("logs", "filter-log-events", "--log-group-name", "/aws/lambda/logged"))["events"]!.AsArray(),
            e => e.Any(x => x!["message"]!.GetValue<string>().StartsWith("REPORT", StringComparison.Ordinal)), "the REPORT line in /aws/lambda/logged");
        var messages = events.Select(e => e!["message"]!.GetValue<string>()).ToList();
        var requestId = Regex.Match(messages.First(m => m.StartsWith("START", StringComparison.Ordinal)), "RequestId: ([0-9a-f-]+)").Groups[1].Value;
        Assert.Equal(
            [$"START RequestId: {requestId} Version: $LATEST", $"handling {requestId} with echo", $"END RequestId: {requestId}"],
            messages.SkipWhile(m => !m.StartsWith("START", StringComparison.Ordinal)).Take(3));
        Assert.Matches($@"^REPORT RequestId: {requestId}\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB$", messages[^1]);
        var stream = events[0]!["logStreamName"]!.GetValue<string>();
        Assert.Matches(LambdaStreamName(), stream);
        Assert.All(events, e => Assert.Equal(stream, e!["logStreamName"]!.GetValue<string>())); // one warm environment, one stream
    }

    [Fact]
    public async Task An_ECS_task_writes_its_output_to_the_awslogs_group_and_the_events_survive_a_restart()
    {
        await Cli("ecs", "create-cluster", "--cluster-name", "logs");
        await Cli("ecs", "register-task-definition", "--family", "validate", "--container-definitions", """
            [{"name":"validator","image":"validator","essential":true,"environment":[{"name":"S3_KEY","value":"incoming/a.csv"}],
              "logConfiguration":{"logDriver":"awslogs",
                "options":{"awslogs-group":"/ecs/validate","awslogs-region":"us-east-1","awslogs-stream-prefix":"job"}}}]
            """);
        var run = await Cli("ecs", "run-task", "--cluster", "logs", "--task-definition", "validate");
        var taskArn = run["tasks"]![0]!["taskArn"]!.GetValue<string>();
        var taskId = taskArn[(taskArn.LastIndexOf('/') + 1)..];
        await Eventually.ValueAsync(
            async () => (await Cli("ecs", "describe-tasks", "--cluster", "logs", "--tasks", taskArn))["tasks"]![0]!["lastStatus"]!.GetValue<string>(),
            status => status == "STOPPED", "the validation task stopping");

        var stream = $"job/validator/{taskId}";
        string[] expected = ["validated incoming/a.csv", "warning: 2 rows skipped"];
        var read = await Cli("logs", "get-log-events", "--log-group-name", "/ecs/validate", "--log-stream-name", stream, "--start-from-head");
        Assert.Equal(expected, Messages(read).Order(StringComparer.Ordinal));

        await _host.DisposeAsync();
        _host = await StartAsync();
        var afterRestart = await Cli("logs", "get-log-events", "--log-group-name", "/ecs/validate", "--log-stream-name", stream, "--start-from-head");
        Assert.Equal(expected, Messages(afterRestart).Order(StringComparer.Ordinal));
        var streams = await Cli("logs", "describe-log-streams", "--log-group-name", "/ecs/validate");
        Assert.Equal([stream], streams["logStreams"]!.AsArray().Select(s => s!["logStreamName"]!.GetValue<string>()));
    }

    private static IEnumerable<string> Messages(JsonNode response) => response["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>());
}
