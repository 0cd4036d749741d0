using BatchKit.Deployment;

namespace BatchKit.Deployment.Tests;

/// <summary>
/// One in-process Slack stub per test collection, on a port the OS picked when it bound (no free-port race), with
/// the repository's mappings, the files `batchkit up` and the LocalStack engine's WireMock container load.
/// The tests wait for it to answer its admin health before the first of them runs, and give each request 30 s: under
/// `make test` four test projects share two cores, and a cold first request once took longer than the 10 s before.
/// </summary>
public sealed class SlackStubFixture : IAsyncLifetime
{
    public SlackStubServer Server { get; } = SlackStubServer.Start(MappingsDirectory(), port: 0);

    public SlackStub Client => Server.Client;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync() => Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

    public Task DisposeAsync()
    {
        Http.Dispose();
        Server.Dispose();
        return Task.CompletedTask;
    }

    public static string MappingsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return Path.Combine(dir.FullName, SlackStubServer.MappingsFolder);
            }
        }

        throw new FileNotFoundException("BatchKit.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class SlackStubCollection : ICollectionFixture<SlackStubFixture>
{
    public const string Name = "Slack stub";
}
