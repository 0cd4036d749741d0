using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// A data directory written by the emulator before its JSON mappings were source-generated for Native AOT (8691745,
/// which mapped its records by reflection): every record in DataDirectories/before-source-generation must load again
/// as it was written, none quarantined. Made with the AWS CLI against that build: an SSM parameter overwritten once and
/// tagged, a state machine with a finished execution, a version and an alias, an activity, a log group with one event,
/// an ECS cluster and task definition, and an EventBridge connection.
/// </summary>
public sealed class DataDirectoryCompatibilityTests : IDisposable
{
    private const string Machine = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-compat-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Records_written_by_the_reflection_build_load_whole_in_this_one()
    {
        Copy(Path.Combine(RepositoryPaths.Root, "tests", "BatchKit.Emulator.Tests", "DataDirectories", "before-source-generation"), _data);
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });
        using var http = new HttpClient();
        var health = JsonNode.Parse(await http.GetStringAsync(new Uri(host.ServiceUrl, "/_batchkit/health")))!;
        Assert.Empty(health["quarantined"]!.AsArray());

        Assert.Equal("two", (await Cli(host, "ssm", "get-parameter", "--name", "/config/a"))["Parameter"]!["Value"]!.GetValue<string>());
        Assert.Equal(2, (await Cli(host, "ssm", "get-parameter-history", "--name", "/config/a"))["Parameters"]!.AsArray().Count);
        var tags = await Cli(host, "ssm", "list-tags-for-resource", "--resource-type", "Parameter", "--resource-id", "/config/a");
        Assert.Equal("batch", tags["TagList"]![0]!["Value"]!.GetValue<string>());

        var executionArn = Machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":e1";
        var execution = await Cli(host, "stepfunctions", "describe-execution", "--execution-arn", executionArn);
        Assert.Equal(("SUCCEEDED", """{"x":1}"""), (execution["status"]!.GetValue<string>(), execution["output"]!.GetValue<string>()));
        var history = await Cli(host, "stepfunctions", "get-execution-history", "--execution-arn", executionArn);
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"],
            history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Single((await Cli(host, "stepfunctions", "list-state-machine-versions", "--state-machine-arn", Machine))["stateMachineVersions"]!.AsArray());
        var alias = (await Cli(host, "stepfunctions", "list-state-machine-aliases", "--state-machine-arn", Machine))["stateMachineAliases"]![0]!;
        Assert.Equal(Machine + ":live", alias["stateMachineAliasArn"]!.GetValue<string>());
        Assert.Equal("act", (await Cli(host, "stepfunctions", "list-activities"))["activities"]![0]!["name"]!.GetValue<string>());

        var events = await Cli(host, "logs", "get-log-events", "--log-group-name", "/g", "--log-stream-name", "s");
        Assert.Equal("hello", events["events"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(1, (await Cli(host, "ecs", "describe-task-definition", "--task-definition", "f"))["taskDefinition"]!["revision"]!.GetValue<int>());
        Assert.Equal("ACTIVE", (await Cli(host, "ecs", "describe-clusters", "--clusters", "c"))["clusters"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("AUTHORIZED", (await Cli(host, "events", "describe-connection", "--name", "conn"))["ConnectionState"]!.GetValue<string>());
    }

    private static async Task<JsonNode> Cli(EmulatorHost host, params string[] args)
    {
        var (exit, output, error) = await AwsCli.RunAsync(host.ServiceUrl, args);
        Assert.True(exit == 0, $"aws {string.Join(' ', args)} exited {exit}: {error}");
        return JsonNode.Parse(output)!;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
