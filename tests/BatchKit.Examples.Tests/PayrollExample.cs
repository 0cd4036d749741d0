using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;
using Payroll.Local;

namespace BatchKit.Examples.Tests;

/// <summary>The payroll example deployed into its own in-process emulator, once per test class, as `payroll-local demo` deploys it.</summary>
public sealed class PayrollExample : IAsyncLifetime
{
    public EmulatorFixture Emulator { get; } = new();

    public LocalEndpoint Endpoint { get; private set; } = null!;

    public PayrollDeployment Deployment { get; private set; } = null!;

    public PayrollRun Run { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync(o => o with { HotReloadDirectories = [ExampleBuilds.PayrollFunctions] }); // the functions run in place
        Endpoint = LocalEndpoint.Attach(Emulator.Host.ServiceUrl);
        Deployment = await new PayrollStack(Endpoint, ExampleBuilds.PayrollFunctions).DeployAsync();
        Run = new PayrollRun(Endpoint, Deployment);
        StepFunctions = new StepFunctionsClient(Endpoint.ClientOptions());
    }

    public async Task DisposeAsync()
    {
        StepFunctions.Dispose();
        await Endpoint.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
