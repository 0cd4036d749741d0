using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// AWS's limits and rules for Step Functions, SSM, EventBridge and ECS, each refused with AWS's code and message
/// (issue 12 item 3), through the AWS CLI where a user would meet them and raw signed calls where the CLI cannot send them.
/// </summary>
public sealed class LimitsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("batchkit-limits-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args) => await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);

    private string File(string name, string content)
    {
        var path = Path.Combine(_files, name);
        System.IO.File.WriteAllText(path, content);
        return "file://" + path;
    }

    [Fact]
    public async Task StartExecution_input_over_256_KiB_is_refused()
    {
        var name = "big-" + Guid.NewGuid().ToString("N")[..8];
        var created = await CliAsync("stepfunctions", "create-state-machine", "--name", name, "--role-arn", "arn:aws:iam::000000000000:role/r",
            "--definition", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var arn = JsonNode.Parse(created.Output)!["stateMachineArn"]!.GetValue<string>();

        var (exit, _, error) = await CliAsync("stepfunctions", "start-execution", "--state-machine-arn", arn,
            "--input", File("big.json", new JsonObject { ["data"] = new string('x', 300_000) }.ToJsonString()));
        Assert.NotEqual(0, exit);
        Assert.Contains("(ValidationException)", error, StringComparison.Ordinal);
        Assert.Contains("Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144", error, StringComparison.Ordinal);

        // 200,000 characters of two bytes each: under the model's length, over the 256 KiB of UTF-8 the service allows.
        var (status, body) = await emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", new JsonObject
        {
            ["stateMachineArn"] = arn, ["input"] = new JsonObject { ["data"] = new string('é', 200_000) }.ToJsonString(),
        });
        Assert.Equal((400, "ValidationException"), (status, body["__type"]!.GetValue<string>()));
        Assert.Empty(JsonNode.Parse((await CliAsync("stepfunctions", "list-executions", "--state-machine-arn", arn)).Output)!["executions"]!.AsArray());
    }

    [Fact]
    public async Task A_state_machine_type_and_role_are_checked()
    {
        var definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
        var (exit, _, error) = await CliAsync("stepfunctions", "create-state-machine", "--name", "typed", "--role-arn", "arn:aws:iam::000000000000:role/r",
            "--definition", definition, "--type", "LAMBDA");
        Assert.NotEqual(0, exit);
        Assert.Contains("Value 'LAMBDA' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]", error, StringComparison.Ordinal);

        (exit, _, error) = await CliAsync("stepfunctions", "create-state-machine", "--name", "roled", "--role-arn", "arn:aws:iam::000000000000:user/bob", "--definition", definition);
        Assert.NotEqual(0, exit);
        Assert.Contains("(InvalidArn)", error, StringComparison.Ordinal);
        Assert.Contains("Invalid Role Arn: 'arn:aws:iam::000000000000:user/bob'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SSM_values_follow_their_tier_and_names_follow_the_naming_rules()
    {
        var name = "/limits/" + Guid.NewGuid().ToString("N")[..8];
        var (exit, _, error) = await CliAsync("ssm", "put-parameter", "--name", name, "--type", "String", "--value", File("v4097", new string('v', 4097)));
        Assert.NotEqual(0, exit);
        Assert.Contains("Standard tier parameters support a maximum parameter value of 4096 characters", error, StringComparison.Ordinal);

        var advanced = await CliAsync("ssm", "put-parameter", "--name", name, "--type", "String", "--tier", "Advanced", "--value", File("v8192", new string('v', 8192)));
        Assert.True(advanced.Exit == 0, advanced.Error);
        Assert.Equal("Advanced", JsonNode.Parse(advanced.Output)!["Tier"]!.GetValue<string>());

        foreach (var bad in new[] { "awsconfig", "/SSM/x", "/has space", "a/b", "/a//b", "/trailing/" })
        {
            (exit, _, error) = await CliAsync("ssm", "put-parameter", "--name", bad, "--type", "String", "--value", "v");
            Assert.True(exit != 0 && error.Contains("(ValidationException)", StringComparison.Ordinal), $"{bad}: {error}");
        }

        (exit, _, error) = await CliAsync("ssm", "put-parameter", "--name", string.Concat(Enumerable.Repeat("/l", 16)), "--type", "String", "--value", "v");
        Assert.NotEqual(0, exit);
        Assert.Contains("(HierarchyLevelLimitExceededException)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SSM_MaxResults_of_0_and_a_forged_NextToken_are_refused()
    {
        var (status, body) = await emulator.JsonAsync("AmazonSSM.GetParametersByPath", "ssm", new JsonObject { ["Path"] = "/", ["MaxResults"] = 0 });
        Assert.Equal((400, "ValidationException"), (status, body["__type"]!.GetValue<string>()));
        Assert.Contains("Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, body) = await emulator.JsonAsync("AmazonSSM.GetParametersByPath", "ssm", new JsonObject { ["Path"] = "/", ["NextToken"] = "10" });
        Assert.Equal((400, "InvalidNextToken"), (status, body["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_SecureString_comes_back_encrypted_unless_WithDecryption()
    {
        var name = "/secrets/" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await CliAsync("ssm", "put-parameter", "--name", name, "--type", "SecureString", "--value", "xoxb-very-secret")).Exit);

        var plain = JsonNode.Parse((await CliAsync("ssm", "get-parameter", "--name", name)).Output)!["Parameter"]!;
        Assert.Equal("SecureString", plain["Type"]!.GetValue<string>());
        Assert.NotEqual("xoxb-very-secret", plain["Value"]!.GetValue<string>());
        Assert.DoesNotContain("very-secret", Encoding.UTF8.GetString(Convert.FromBase64String(plain["Value"]!.GetValue<string>())), StringComparison.Ordinal);

        var decrypted = JsonNode.Parse((await CliAsync("ssm", "get-parameter", "--name", name, "--with-decryption")).Output)!["Parameter"]!;
        Assert.Equal("xoxb-very-secret", decrypted["Value"]!.GetValue<string>());
        var byPath = JsonNode.Parse((await CliAsync("ssm", "get-parameters-by-path", "--path", "/secrets")).Output)!["Parameters"]!.AsArray();
        Assert.DoesNotContain(byPath, p => p!["Value"]!.GetValue<string>() == "xoxb-very-secret");
    }

    [Fact]
    public async Task PutEvents_takes_at_most_10_entries_and_fails_bad_entries_one_by_one()
    {
        var entry = new JsonObject { ["Source"] = "batchkit", ["DetailType"] = "t", ["Detail"] = "{}" };
        var eleven = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)entry.DeepClone())]);
        var (exit, _, error) = await CliAsync("events", "put-events", "--entries", File("eleven.json", eleven.ToJsonString()));
        Assert.NotEqual(0, exit);
        Assert.Contains("at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10", error, StringComparison.Ordinal);

        var mixed = new JsonArray(entry.DeepClone(), new JsonObject { ["Source"] = "batchkit", ["DetailType"] = "t" }, new JsonObject { ["Source"] = "s", ["DetailType"] = "t", ["Detail"] = "[1" });
        var result = JsonNode.Parse((await CliAsync("events", "put-events", "--entries", File("mixed.json", mixed.ToJsonString()))).Output)!;
        Assert.Equal(2, result["FailedEntryCount"]!.GetValue<int>());
        Assert.Equal(["", "InvalidArgument", "MalformedDetail"], result["Entries"]!.AsArray().Select(e => e!["ErrorCode"]?.GetValue<string>() ?? ""));
    }

    [Fact]
    public async Task ECS_clusters_are_listed_and_described_and_an_unnamed_environment_entry_is_refused()
    {
        Assert.Equal(0, (await CliAsync("ecs", "create-cluster", "--cluster-name", "limits")).Exit);
        var listed = JsonNode.Parse((await CliAsync("ecs", "list-clusters")).Output)!["clusterArns"]!.AsArray().Select(a => a!.GetValue<string>());
        Assert.Contains("arn:aws:ecs:us-east-1:000000000000:cluster/limits", listed);
        var described = JsonNode.Parse((await CliAsync("ecs", "describe-clusters", "--clusters", "limits", "nope")).Output)!;
        Assert.Equal("ACTIVE", described["clusters"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("MISSING", described["failures"]![0]!["reason"]!.GetValue<string>());

        await CliAsync("ecs", "register-task-definition", "--family", "limits", "--container-definitions", """[{"name":"main","image":"not-mapped"}]""");
        var (exit, _, error) = await CliAsync("ecs", "run-task", "--cluster", "limits", "--task-definition", "limits",
            "--overrides", """{"containerOverrides":[{"name":"main","environment":[{"value":"no name"}]}]}""");
        Assert.NotEqual(0, exit);
        Assert.Contains("(InvalidParameterException)", error, StringComparison.Ordinal);
        Assert.Contains("has no name", error, StringComparison.Ordinal);
    }
}
