using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;
using ScheduledValidation;
using ScheduledValidation.Local;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The scheduled-validation example deployed into its own in-process emulator, once per test class, as
/// `scheduled-validation-local demo` deploys it: the prepare bootstrap runs in place, the worker image runs as the built
/// worker program. The emulator runs on a <see cref="ShiftedClock"/>, so a test moves time on to the schedule's next
/// firing instead of waiting an hour for it.
/// </summary>
public sealed class ScheduledValidationExample : IAsyncLifetime
{
    public ShiftedClock Clock { get; } = new();

    public EmulatorFixture Emulator { get; } = new();

    public LocalEndpoint Endpoint { get; private set; } = null!;

    public ScheduledValidationStack Stack { get; private set; } = null!;

    public ScheduledValidationDeployment Deployment { get; private set; } = null!;

    public ScheduledValidationRun Run { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync(o => o with
        {
            HotReloadDirectories = [ExampleBuilds.ScheduledValidationFunctions],
            EcsImageCommands = new Dictionary<string, string[]> { [ValidationNames.WorkerImage] = [ExampleBuilds.ScheduledValidationWorker] },
        }, Clock);
        Endpoint = LocalEndpoint.Attach(Emulator.Host.ServiceUrl);
        Stack = new ScheduledValidationStack(Endpoint, ExampleBuilds.ScheduledValidationFunctions);
        Deployment = await Stack.DeployAsync();
        Run = new ScheduledValidationRun(Endpoint, Deployment);
        StepFunctions = new StepFunctionsClient(Endpoint.ClientOptions());
    }

    public async Task DisposeAsync()
    {
        StepFunctions.Dispose();
        await Endpoint.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
