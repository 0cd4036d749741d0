using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;
using ChunkedCsv.Local;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The chunked-CSV example deployed into its own in-process emulator, once per test class, as `chunked-csv-local demo`
/// deploys it (N = <see cref="ChunkSize"/>): the seven functions run as the real bootstrap.
/// </summary>
public sealed class ChunkedCsvExample : IAsyncLifetime
{
    public const int ChunkSize = 40;

    public const string Recipient = "batch-owner@example.com";

    public EmulatorFixture Emulator { get; } = new();

    public LocalEndpoint Endpoint { get; private set; } = null!;

    public ChunkedCsvDeployment Deployment { get; private set; } = null!;

    public ChunkedCsvRun Run { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync(o => o with { HotReloadDirectories = [ExampleBuilds.ChunkedCsvFunctions] }); // the functions run in place
        Endpoint = LocalEndpoint.Attach(Emulator.Host.ServiceUrl);
        Deployment = await new ChunkedCsvStack(Endpoint, ExampleBuilds.ChunkedCsvFunctions) { ChunkSize = ChunkSize, Recipient = Recipient }.DeployAsync();
        Run = new ChunkedCsvRun(Endpoint, Deployment);
        StepFunctions = new StepFunctionsClient(Endpoint.ClientOptions());
    }

    public async Task DisposeAsync()
    {
        StepFunctions.Dispose();
        await Endpoint.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
