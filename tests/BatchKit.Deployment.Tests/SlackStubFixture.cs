using BatchKit.Deployment;

namespace BatchKit.Deployment.Tests;

/// <summary>
/// One in-process Slack stub per test collection, on a port the OS picked when it bound (no free-port race), with
/// the repository's mappings, the files `batchkit up` and the LocalStack engine's WireMock container load.
/// </summary>
public sealed class SlackStubFixture : IDisposable
{
    public SlackStubServer Server { get; } = SlackStubServer.Start(MappingsDirectory(), port: 0);

    public SlackStub Client => Server.Client;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
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
