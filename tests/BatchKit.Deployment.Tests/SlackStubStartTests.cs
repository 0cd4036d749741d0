using System.Net;
using System.Net.Sockets;
using BatchKit.Deployment;

namespace BatchKit.Deployment.Tests;

/// <summary>Starting the stub: a taken port and bad mapping files are named, and nothing is left listening.</summary>
public sealed class SlackStubStartTests : IDisposable
{
    private readonly string _mappings = Directory.CreateTempSubdirectory("batchkit-mappings-").FullName;

    public void Dispose() => Directory.Delete(_mappings, recursive: true);

    [Fact]
    public void A_port_already_taken_is_a_clear_error_naming_the_port()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var e = Assert.Throws<SlackStubException>(() => SlackStubServer.Start(SlackStubFixture.MappingsDirectory(), port));

        Assert.Contains($"cannot listen on 127.0.0.1:{port}: the port is already in use", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_outside_the_TCP_range_is_refused()
    {
        var e = Assert.Throws<SlackStubException>(() => SlackStubServer.Start(SlackStubFixture.MappingsDirectory(), 70000));
        Assert.Contains("port 70000 is not a TCP port", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_with_a_feature_the_stub_does_not_have_is_named_with_its_file()
    {
        var file = Path.Combine(_mappings, "scenario.json");
        File.WriteAllText(file, """{"scenarioName": "s", "request": {"urlPath": "/x"}, "response": {"status": 200}}""");

        var e = Assert.Throws<SlackStubException>(() => SlackStubServer.Start(_mappings, 0));

        Assert.Equal($"{file}: 'scenarioName' is not supported by BatchKit's Slack stub (supported: name, priority, request, response, metadata)", e.Message);
    }

    [Fact]
    public void A_mapping_file_that_is_not_JSON_and_an_empty_or_missing_directory_are_named()
    {
        var missing = Path.Combine(_mappings, "nope");
        Assert.Contains("holds no *.json mapping", Error(_mappings), StringComparison.Ordinal);
        Assert.Contains($"{missing} does not exist", Error(missing), StringComparison.Ordinal);

        var file = Path.Combine(_mappings, "broken.json");
        File.WriteAllText(file, "{ not json");
        Assert.StartsWith($"{file}: not valid JSON", Error(_mappings), StringComparison.Ordinal);
    }

    private static string Error(string mappings) => Assert.Throws<SlackStubException>(() => SlackStubServer.Start(mappings, 0)).Message;
}
