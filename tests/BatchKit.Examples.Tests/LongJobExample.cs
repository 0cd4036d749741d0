using BatchKit.Examples.Local;
using LongJob.Jobs;
using LongJob.Local;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The long-running-job example deployed into its own in-process emulator, once per test class, as
/// `long-running-job-local demo` deploys it: the function runs as its real bootstrap, the task as the real worker.
/// </summary>
public sealed class LongJobExample : IAsyncLifetime
{
    public EmulatorFixture Emulator { get; } = new();

    public LocalEndpoint Endpoint { get; private set; } = null!;

    public LongJobDeployment Deployment { get; private set; } = null!;

    public LongJobRun Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync(o => o with
        {
            HotReloadDirectories = [ExampleBuilds.LongJobFunctions],
            EcsImageCommands = new Dictionary<string, string[]> { [LongJobNames.LocalImage] = LongJobStack.WorkerCommand(ExampleBuilds.LongJobWorker) },
        });
        Endpoint = LocalEndpoint.Attach(Emulator.Host.ServiceUrl);
        Deployment = await new LongJobStack(Endpoint, ExampleBuilds.LongJobFunctions).DeployAsync();
        Run = new LongJobRun(Endpoint, Deployment);
    }

    public async Task DisposeAsync()
    {
        await Endpoint.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
