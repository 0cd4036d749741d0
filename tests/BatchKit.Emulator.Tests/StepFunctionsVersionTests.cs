using System.Text.Json.Nodes;
using BatchKit.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// State machine versions and aliases: publishing (also through UpdateStateMachine publish=true), listing, deleting,
/// aliases routing executions by weight, and AWS's errors for each.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
/// </summary>
public sealed class StepFunctionsVersionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StatesApi _api = StatesApi.Of(emulator);

    [Fact]
    public async Task Versions_keep_the_definition_they_were_published_with()
    {
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("versions"), Returns("v1"));
        var v1 = await _api.OkAsync("PublishStateMachineVersion", new JsonObject { ["stateMachineArn"] = machine, ["description"] = "first" });
        var v1Arn = v1["stateMachineVersionArn"]!.GetValue<string>();
        Assert.Equal(machine + ":1", v1Arn);
        var unchanged = await _api.OkAsync("PublishStateMachineVersion", new JsonObject { ["stateMachineArn"] = machine });
        Assert.Equal(v1Arn, unchanged["stateMachineVersionArn"]!.GetValue<string>()); // nothing changed: no new version

        var updated = await _api.OkAsync("UpdateStateMachine", new JsonObject
        {
            ["stateMachineArn"] = machine, ["definition"] = Returns("v2"), ["publish"] = true, ["versionDescription"] = "second",
        });
        Assert.Equal(machine + ":2", updated["stateMachineVersionArn"]!.GetValue<string>());
        var plain = await _api.WaitAsync(await _api.StartAsync(machine));
        Assert.Equal(("\"v2\"", machine), (plain["output"]!.GetValue<string>(), plain["stateMachineArn"]!.GetValue<string>()));
        Assert.Null(plain["stateMachineVersionArn"]);

        var versions = (await _api.OkAsync("ListStateMachineVersions", new JsonObject { ["stateMachineArn"] = machine }))["stateMachineVersions"]!.AsArray();
        Assert.Equal([machine + ":2", v1Arn], versions.Select(v => v!["stateMachineVersionArn"]!.GetValue<string>()));
        var described = await _api.OkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = v1Arn });
        Assert.Equal((Returns("v1"), "first"), (described["definition"]!.GetValue<string>(), described["description"]!.GetValue<string>()));

        var execution = await _api.StartAsync(v1Arn);
        var done = await _api.WaitAsync(execution);
        Assert.Equal(("\"v1\"", v1Arn), (done["output"]!.GetValue<string>(), done["stateMachineVersionArn"]!.GetValue<string>()));
        var listed = (await _api.OkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = v1Arn }))["executions"]!.AsArray();
        Assert.Equal(execution, Assert.Single(listed)!["executionArn"]!.GetValue<string>());

        var revision = (await _api.OkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = machine }))["revisionId"]!.GetValue<string>();
        await _api.OkAsync("UpdateStateMachine", new JsonObject { ["stateMachineArn"] = machine, ["definition"] = Returns("v3") });
        Assert.Equal("ConflictException", (await _api.ErrorAsync("PublishStateMachineVersion",
            new JsonObject { ["stateMachineArn"] = machine, ["revisionId"] = revision })).Code);

        await _api.OkAsync("DeleteStateMachineVersion", new JsonObject { ["stateMachineVersionArn"] = v1Arn });
        var third = await _api.OkAsync("PublishStateMachineVersion", new JsonObject { ["stateMachineArn"] = machine });
        Assert.Equal(machine + ":3", third["stateMachineVersionArn"]!.GetValue<string>()); // numbers are never reused
    }

    [Fact]
    public async Task An_alias_routes_executions_to_its_versions_by_weight()
    {
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("aliases"), Returns("v1"));
        var v1 = await PublishAsync(machine);
        await _api.OkAsync("UpdateStateMachine", new JsonObject { ["stateMachineArn"] = machine, ["definition"] = Returns("v2") });
        var v2 = await PublishAsync(machine);

        var alias = (await _api.OkAsync("CreateStateMachineAlias", new JsonObject
        {
            ["name"] = "live", ["description"] = "what runs", ["routingConfiguration"] = Routing((v1, 100)),
        }))["stateMachineAliasArn"]!.GetValue<string>();
        Assert.Equal(machine + ":live", alias);
        var first = await _api.WaitAsync(await _api.StartAsync(alias));
        Assert.Equal(("\"v1\"", alias, v1), (first["output"]!.GetValue<string>(), first["stateMachineAliasArn"]!.GetValue<string>(),
            first["stateMachineVersionArn"]!.GetValue<string>()));

        await _api.OkAsync("UpdateStateMachineAlias",
            new JsonObject { ["stateMachineAliasArn"] = alias, ["routingConfiguration"] = Routing((v1, 50), (v2, 50)) });
        var outputs = new HashSet<string>();
        for (var i = 0; i < 40 && outputs.Count < 2; i++)
        {
            outputs.Add((await _api.WaitAsync(await _api.StartAsync(alias)))["output"]!.GetValue<string>());
        }

        Assert.Equal(["\"v1\"", "\"v2\""], outputs.Order()); // 40 draws at 50/50 miss a version with probability 2^-39
        var described = await _api.OkAsync("DescribeStateMachineAlias", new JsonObject { ["stateMachineAliasArn"] = alias });
        Assert.Equal(("live", "what runs", 2), (described["name"]!.GetValue<string>(), described["description"]!.GetValue<string>(),
            described["routingConfiguration"]!.AsArray().Count));
        var aliases = (await _api.OkAsync("ListStateMachineAliases", new JsonObject { ["stateMachineArn"] = machine }))["stateMachineAliases"]!.AsArray();
        Assert.Equal(alias, Assert.Single(aliases)!["stateMachineAliasArn"]!.GetValue<string>());

        Assert.Equal("ConflictException", (await _api.ErrorAsync("DeleteStateMachineVersion", new JsonObject { ["stateMachineVersionArn"] = v1 })).Code);
        await _api.OkAsync("DeleteStateMachineAlias", new JsonObject { ["stateMachineAliasArn"] = alias });
        await _api.OkAsync("DeleteStateMachineVersion", new JsonObject { ["stateMachineVersionArn"] = v1 });
        Assert.Equal("ResourceNotFound", (await _api.ErrorAsync("DescribeStateMachineAlias", new JsonObject { ["stateMachineAliasArn"] = alias })).Code);
        var left = (await _api.OkAsync("ListStateMachineVersions", new JsonObject { ["stateMachineArn"] = machine }))["stateMachineVersions"]!.AsArray();
        Assert.Equal(v2, Assert.Single(left)!["stateMachineVersionArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Versions_and_aliases_answer_AWS_errors()
    {
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("version-errors"), Returns("v1"));
        var v1 = await PublishAsync(machine);
        var other = await PublishAsync(await _api.CreateMachineAsync(StatesApi.Unique("other"), Returns("x")));

        Assert.Equal("ValidationException", await CreateAliasError("a", Routing((v1, 90))));
        Assert.Equal("ValidationException", await CreateAliasError("a", Routing((v1, 50), (v1, 50))));
        Assert.Equal("ValidationException", await CreateAliasError("a", Routing((v1, 50), (other, 50))));
        Assert.Equal("ValidationException", await CreateAliasError("a", []));
        Assert.Equal("ResourceNotFound", await CreateAliasError("a", Routing((machine + ":99", 100))));
        Assert.Equal("InvalidArn", await CreateAliasError("a", Routing(("not-an-arn", 100))));
        Assert.Equal("ValidationException", await CreateAliasError("123", Routing((v1, 100)))); // the name pattern needs a non-digit
        await _api.OkAsync("CreateStateMachineAlias", new JsonObject { ["name"] = "prod", ["routingConfiguration"] = Routing((v1, 100)) });
        await _api.OkAsync("CreateStateMachineAlias", new JsonObject { ["name"] = "prod", ["routingConfiguration"] = Routing((v1, 100)) }); // idempotent
        await _api.OkAsync("UpdateStateMachine", new JsonObject { ["stateMachineArn"] = machine, ["definition"] = Returns("v2") });
        var v2 = await PublishAsync(machine);
        Assert.Equal("ConflictException", await CreateAliasError("prod", Routing((v2, 100))));

        Assert.Equal("ValidationException", (await _api.ErrorAsync("UpdateStateMachine",
            new JsonObject { ["stateMachineArn"] = machine, ["definition"] = Returns("v3"), ["versionDescription"] = "no publish" })).Code);
        Assert.Equal("ValidationException",
            (await _api.ErrorAsync("UpdateStateMachineAlias", new JsonObject { ["stateMachineAliasArn"] = machine + ":prod" })).Code);
        Assert.Equal("ResourceNotFound",
            (await _api.ErrorAsync("DeleteStateMachineAlias", new JsonObject { ["stateMachineAliasArn"] = machine + ":gone" })).Code);
        Assert.Equal("InvalidArn", (await _api.ErrorAsync("DescribeStateMachineAlias", new JsonObject { ["stateMachineAliasArn"] = "alias" })).Code);
        Assert.Equal("StateMachineDoesNotExist", (await _api.ErrorAsync("ListStateMachineAliases",
            new JsonObject { ["stateMachineArn"] = machine + "-missing" })).Code);
        Assert.Equal("StateMachineDoesNotExist", (await _api.ErrorAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine + ":42" })).Code);
        Assert.Equal("ValidationException", (await _api.ErrorAsync("PublishStateMachineVersion",
            new JsonObject { ["stateMachineArn"] = machine, ["description"] = new string('d', 257) })).Code);

        await _api.OkAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = machine });
        Assert.Equal("ResourceNotFound",
            (await _api.ErrorAsync("DescribeStateMachineAlias", new JsonObject { ["stateMachineAliasArn"] = machine + ":prod" })).Code);
        Assert.Equal("StateMachineDoesNotExist", (await _api.ErrorAsync("StartExecution", new JsonObject { ["stateMachineArn"] = v1 })).Code);
    }

    [Fact]
    public async Task The_CLI_publishes_creates_an_alias_and_starts_through_it()
    {
        var machine = await _api.CreateMachineAsync(StatesApi.Unique("cli-versions"), Returns("cli"));
        var version = JsonNode.Parse((await Cli("stepfunctions", "publish-state-machine-version", "--state-machine-arn", machine,
            "--description", "from the CLI")).Output)!["stateMachineVersionArn"]!.GetValue<string>();
        var alias = JsonNode.Parse((await Cli("stepfunctions", "create-state-machine-alias", "--name", "cli",
            "--routing-configuration", Routing((version, 100)).ToJsonString())).Output)!["stateMachineAliasArn"]!.GetValue<string>();
        var started = await Cli("stepfunctions", "start-execution", "--state-machine-arn", alias);
        var execution = JsonNode.Parse(started.Output)!["executionArn"]!.GetValue<string>();

        var done = await _api.WaitAsync(execution);
        Assert.Equal(("\"cli\"", version, alias), (done["output"]!.GetValue<string>(), done["stateMachineVersionArn"]!.GetValue<string>(),
            done["stateMachineAliasArn"]!.GetValue<string>()));
        var versions = JsonNode.Parse((await Cli("stepfunctions", "list-state-machine-versions", "--state-machine-arn", machine)).Output)!;
        Assert.Equal(version, Assert.Single(versions["stateMachineVersions"]!.AsArray())!["stateMachineVersionArn"]!.GetValue<string>());
    }

    private static string Returns(string value) =>
        """{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "VALUE", "End": true}}}""".Replace("VALUE", value, StringComparison.Ordinal);

    private static JsonArray Routing(params (string Version, int Weight)[] routes) =>
        new([.. routes.Select(r => (JsonNode?)new JsonObject { ["stateMachineVersionArn"] = r.Version, ["weight"] = r.Weight })]);

    private async Task<string> PublishAsync(string machine) =>
        (await _api.OkAsync("PublishStateMachineVersion", new JsonObject { ["stateMachineArn"] = machine }))["stateMachineVersionArn"]!.GetValue<string>();

    private async Task<string> CreateAliasError(string name, JsonArray routing) =>
        (await _api.ErrorAsync("CreateStateMachineAlias", new JsonObject { ["name"] = name, ["routingConfiguration"] = routing })).Code;

    private async Task<(int ExitCode, string Output, string Error)> Cli(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
