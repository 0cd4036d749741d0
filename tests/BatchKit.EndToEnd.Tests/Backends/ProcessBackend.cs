using BatchKit.Deployment;
using BatchKit.Emulator;

namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>The emulator in the test process; ECS tasks and the Lambda's bootstrap run as its child processes.</summary>
internal sealed class ProcessBackend : IStackBackend
{
    private EmulatorHost? _emulator;

    public async Task<Uri> StartAsync(StackBackendSettings settings, CancellationToken cancellationToken)
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Port = 0,
            DataDirectory = settings.DataDirectory,
            MaxConcurrentTasks = 4,
            EcsImageCommands = new Dictionary<string, string[]> { [LocalDeployment.LocalWorkerImage] = settings.WorkerCommand },
            LambdaAsyncRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)],
            HotReloadDirectories = settings.HotReloadDirectories,
            SlackStubUrl = settings.SlackStubUrl,
        }, cancellationToken);
        return _emulator.ServiceUrl;
    }

    public string LambdaAssetDirectory(string testLauncher) => testLauncher;

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
