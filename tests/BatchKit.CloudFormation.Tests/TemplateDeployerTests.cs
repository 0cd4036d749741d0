using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Tests;

/// <summary>Small templates deployed into the embedded emulator: create, update in place, delete, and undo on failure.</summary>
public sealed class TemplateDeployerTests : EmulatorStack
{
    private static JsonObject Resources(params (string Id, JsonObject Resource)[] resources) =>
        new(resources.Select(r => KeyValuePair.Create(r.Id, (JsonNode?)r.Resource)));

    private static JsonObject Outputs() => new()
    {
        ["FunctionName"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "Fn" } },
        ["FunctionArn"] = new JsonObject { ["Value"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("Fn", "Arn") } },
    };

    [Fact]
    public async Task A_first_deploy_creates_everything_and_a_second_finds_it_unchanged()
    {
        var assembly = TestAssembly.Write(Root, Resources(
            ("Role", TestAssembly.Role()),
            ("Fn", TestAssembly.Function()),
            ("Arn", TestAssembly.Parameter("/test/arn", new JsonObject { ["Fn::GetAtt"] = new JsonArray("Fn", "Arn") }))), Outputs());

        var first = await DeployAsync(assembly);
        var second = await DeployAsync(assembly);

        var name = first.Outputs["FunctionName"];
        Assert.Equal("Small-Fn-", name[..9]);
        Assert.Equal($"arn:aws:lambda:us-east-1:000000000000:function:{name}", await ParameterAsync("/test/arn"));
        Assert.Equal(first.Outputs, second.Outputs);
        Assert.Equal(["accepted, not emulated", "created", "created"], first.Report.Entries.Select(e => e.Action));
        Assert.Equal(["accepted, not emulated", "unchanged", "unchanged"], second.Report.Entries.Select(e => e.Action));
        var outputs = StackOutputsFile.Read(Path.Combine(StateDirectory, StackOutputsFile.FileName));
        Assert.Equal(("Small", name), (outputs.StackName, outputs.Outputs["FunctionName"]));
    }

    [Fact]
    public async Task A_redeploy_updates_in_place_and_deletes_what_left_the_template()
    {
        await DeployAsync(TestAssembly.Write(Root, Resources(
            ("Role", TestAssembly.Role()), ("Fn", TestAssembly.Function(memory: 128)),
            ("Kept", TestAssembly.Parameter("/test/kept", "a")), ("Gone", TestAssembly.Parameter("/test/gone", "x"))), Outputs()));

        var result = await DeployAsync(TestAssembly.Write(Root, Resources(
            ("Role", TestAssembly.Role()), ("Fn", TestAssembly.Function(memory: 256)), ("Kept", TestAssembly.Parameter("/test/kept", "b"))), Outputs()));

        var configuration = await Lambda.GetFunctionConfigurationAsync(result.Outputs["FunctionName"]);
        Assert.Equal(256, (int)configuration!["MemorySize"]!);
        Assert.Equal("b", await ParameterAsync("/test/kept"));
        Assert.Null(await ParameterAsync("/test/gone"));
        Assert.Equal(
            ["Role accepted, not emulated", "Fn updated", "Kept updated", "Gone deleted"],
            result.Report.Entries.Select(e => $"{e.LogicalId} {e.Action}"));
    }

    [Fact]
    public async Task A_resource_the_emulator_lost_is_created_again_and_what_refers_to_it_is_redone()
    {
        var assembly = TestAssembly.Write(Root, Resources(
            ("Role", TestAssembly.Role()), ("Fn", TestAssembly.Function()),
            ("Arn", TestAssembly.Parameter("/test/lost", new JsonObject { ["Fn::GetAtt"] = new JsonArray("Fn", "Arn") }))), Outputs());
        var first = await DeployAsync(assembly);
        await Lambda.DeleteFunctionAsync(first.Outputs["FunctionName"]); // as an emulator restart forgets it

        var second = await DeployAsync(assembly);

        Assert.NotNull(await Lambda.GetFunctionConfigurationAsync(second.Outputs["FunctionName"]));
        Assert.Equal(["accepted, not emulated", "recreated", "updated"], second.Report.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task A_failure_during_the_deploy_removes_what_that_deploy_created()
    {
        var bad = TestAssembly.Function(runtime: "nodejs20.x");
        bad["DependsOn"] = "First";
        var assembly = TestAssembly.Write(Root, Resources(("Role", TestAssembly.Role()), ("First", TestAssembly.Parameter("/test/first", "1")), ("Bad", bad)));

        var error = await Assert.ThrowsAsync<TemplateException>(() => DeployAsync(assembly));

        Assert.StartsWith("resource Bad (AWS::Lambda::Function): create failed:", error.Message, StringComparison.Ordinal);
        Assert.Contains("nodejs20.x", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(everything this deploy had created was removed and everything it had updated was put back)", error.Message, StringComparison.Ordinal);
        Assert.Null(await ParameterAsync("/test/first"));
        Assert.Empty(await FunctionNamesAsync());
        Assert.False(File.Exists(Path.Combine(StateDirectory, "stack.json")));
    }

    [Fact]
    public async Task A_failed_update_puts_back_what_it_had_updated_and_keeps_the_last_state()
    {
        var first = await DeployAsync(TestAssembly.Write(Root, Resources(
            ("Role", TestAssembly.Role()), ("Fn", TestAssembly.Function(memory: 128)), ("Value", TestAssembly.Parameter("/test/value", "a"))), Outputs()));
        var state = await File.ReadAllTextAsync(Path.Combine(StateDirectory, "stack.json"));
        var bad = TestAssembly.Function(runtime: "nodejs20.x");
        bad["DependsOn"] = new JsonArray("Fn", "Value");

        var changed = Resources(
            ("Role", TestAssembly.Role()), ("Fn", TestAssembly.Function(memory: 512)), ("Value", TestAssembly.Parameter("/test/value", "b")), ("Bad", bad));

        await Assert.ThrowsAsync<TemplateException>(() => DeployAsync(TestAssembly.Write(Root, changed, Outputs())));

        Assert.Equal("a", await ParameterAsync("/test/value"));
        Assert.Equal(128, (int)(await Lambda.GetFunctionConfigurationAsync(first.Outputs["FunctionName"]))!["MemorySize"]!);
        Assert.Equal([first.Outputs["FunctionName"]], await FunctionNamesAsync());
        Assert.Equal(state, await File.ReadAllTextAsync(Path.Combine(StateDirectory, "stack.json")));
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "unsupported type", """{"Queue": {"Type": "AWS::SNS::Topic"}}""", "resource Queue (AWS::SNS::Topic): unsupported resource type" },
        { "unsupported intrinsic", """{"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Fn::Base64": "x"}}}}""",
            "resource P (AWS::SSM::Parameter): unsupported intrinsic function Fn::Base64" },
        { "cycle", """
            {"X": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "Y"}}},
             "Y": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "X"}}}}
            """,
            "circular dependency between resources: X (AWS::SSM::Parameter) -> Y (AWS::SSM::Parameter) -> X (AWS::SSM::Parameter)" },
        { "unknown attribute", """{"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Fn::GetAtt": ["Role", "Nope"]}}}}""",
            "resource P (AWS::SSM::Parameter): Fn::GetAtt Role.Nope: AWS::IAM::Role has no attribute Nope here (it has: Arn, RoleId)" },
        { "unknown reference", """{"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "Nowhere"}}}}""",
            "resource P (AWS::SSM::Parameter): Ref Nowhere: not a parameter, pseudo parameter or resource of the template" },
        { "missing secret", """
            {"P": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "{{resolve:secretsmanager:nope:SecretString:::}}"}}}
            """,
            "resource P (AWS::SSM::Parameter): the dynamic reference {{resolve:secretsmanager:nope:SecretString:::}} names the secret 'nope'" },
    };

    /// <summary>Each template also holds a parameter and a function that would deploy fine: checking comes first, so neither is created.</summary>
    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_an_error_naming_the_resource_and_nothing_is_deployed(string why, string badResources, string message)
    {
        var resources = Resources(("Role", TestAssembly.Role()), ("Good", TestAssembly.Parameter("/test/good", why)), ("Fn", TestAssembly.Function()));
        foreach (var (id, resource) in JsonNode.Parse(badResources)!.AsObject())
        {
            resources[id] = resource!.DeepClone();
        }

        var error = await Assert.ThrowsAsync<TemplateException>(() => DeployAsync(TestAssembly.Write(Root, resources)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(await ParameterAsync("/test/good"));
        Assert.Empty(await FunctionNamesAsync());
        Assert.False(Directory.Exists(StateDirectory));
    }

    [Fact]
    public async Task A_missing_asset_directory_is_an_error_naming_the_function_and_nothing_is_deployed()
    {
        var resources = Resources(("Role", TestAssembly.Role()), ("Good", TestAssembly.Parameter("/test/asset", "1")), ("Fn", TestAssembly.Function()));
        var assembly = TestAssembly.Write(Root, resources, withAsset: false);

        var error = await Assert.ThrowsAsync<TemplateException>(() => DeployAsync(assembly));

        Assert.Contains("resource Fn (AWS::Lambda::Function): the code asset 0123abcd is missing:", error.Message, StringComparison.Ordinal);
        Assert.Null(await ParameterAsync("/test/asset"));
        Assert.False(Directory.Exists(StateDirectory));
    }
}
