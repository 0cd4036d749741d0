using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>Versions, aliases and the version counter are in the data directory: after a restart an alias still routes.</summary>
public sealed class StepFunctionsVersionDurabilityTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-versions-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<EmulatorHost> StartAsync() => EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });

    [Fact]
    public async Task Versions_and_aliases_survive_a_restart()
    {
        const string Machine = "arn:aws:states:us-east-1:000000000000:stateMachine:kept-versions";
        await using (var first = await StartAsync())
        {
            using var client = new EndpointClient(first.ServiceUrl);
            var api = StatesApi.Of(client);
            await api.CreateMachineAsync("kept-versions", """{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "kept", "End": true}}}""");
            await api.OkAsync("PublishStateMachineVersion", new JsonObject { ["stateMachineArn"] = Machine });
            await api.OkAsync("CreateStateMachineAlias", new JsonObject
            {
                ["name"] = "live",
                ["routingConfiguration"] = new JsonArray(new JsonObject { ["stateMachineVersionArn"] = Machine + ":1", ["weight"] = 100 }),
            });
        }

        await using var second = await StartAsync();
        using var again = new EndpointClient(second.ServiceUrl);
        var api2 = StatesApi.Of(again);
        var done = await api2.WaitAsync(await api2.StartAsync(Machine + ":live"));
        Assert.Equal(("\"kept\"", Machine + ":1"), (done["output"]!.GetValue<string>(), done["stateMachineVersionArn"]!.GetValue<string>()));
        await api2.OkAsync("UpdateStateMachine", new JsonObject
        {
            ["stateMachineArn"] = Machine, ["definition"] = """{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", ["publish"] = true,
        });
        var versions = (await api2.OkAsync("ListStateMachineVersions", new JsonObject { ["stateMachineArn"] = Machine }))["stateMachineVersions"]!.AsArray();
        Assert.Equal([Machine + ":2", Machine + ":1"], versions.Select(v => v!["stateMachineVersionArn"]!.GetValue<string>()));
    }
}
