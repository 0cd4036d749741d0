using System.Globalization;
using System.Runtime.InteropServices;
using BatchKit.Emulator;
using BatchKit.Emulator.Runtime;

// batchkit-emulator [--port 4566] [--bind 127.0.0.1] [--data-dir .batchkit/data] [--ecs-image IMAGE=/path/to/command ...]
//                   [--max-tasks 4] [--ecs-runtime process|container|auto] [--lambda-runtime process|container|auto]
// batchkit-emulator --remove-leftover-containers   (removes the containers of emulators that no longer run)
if (args is ["--remove-leftover-containers"])
{
    using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
    var removed = await engine.AnswersAsync(CancellationToken.None) ? await engine.RemoveLeftoversAsync(CancellationToken.None) : [];
    Console.WriteLine($"removed {removed.Count} container(s) left by emulators that no longer run");
    return 0;
}

var options = new EmulatorOptions();
var images = new Dictionary<string, string[]>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options = args[i] switch
    {
        "--port" => options with { Port = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
        "--bind" => options with { BindAddress = args[i + 1] },
        "--data-dir" => options with { DataDirectory = args[i + 1] },
        "--max-tasks" => options with { MaxConcurrentTasks = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
        "--ecs-image" when args[i + 1].Split('=', 2) is [var image, var command] => options with { EcsImageCommands = images.TryAdd(image, command.Split(' ')) ? images : images },
        "--ecs-runtime" => options with { EcsRuntime = RuntimeChoices.Parse(args[i], args[i + 1]) },
        "--lambda-runtime" => options with { LambdaRuntime = RuntimeChoices.Parse(args[i], args[i + 1]) },
        _ => throw new ArgumentException($"unknown option '{args[i]} {args[i + 1]}': use --port, --bind, --data-dir, --ecs-image IMAGE=COMMAND, " +
                                         "--max-tasks N, --ecs-runtime process|container|auto, --lambda-runtime process|container|auto"),
    };
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
// SIGTERM (docker stop, batchkit down) shuts down like Ctrl-C, so tasks and their containers are stopped and removed.
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

EmulatorHost host;
try
{
    host = await EmulatorHost.StartAsync(options, stop.Token);
}
catch (ContainerEngineUnavailableException e)
{
    await Console.Error.WriteLineAsync($"batchkit-emulator: {e.Message}");
    return 1;
}

await using (host)
{
    Console.WriteLine($"BatchKit emulator listening on {host.ServiceUrl} (data in {Path.GetFullPath(options.DataDirectory)}; " +
                      $"ECS tasks: {Name(options.EcsRuntime)}, Lambda: {Name(options.LambdaRuntime)})");
    try
    {
        await host.WaitForShutdownAsync(stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // Ctrl-C or SIGTERM: dispose below stops everything it started.
    }
}

return 0;

static string Name(RuntimeChoice choice) => choice.ToString().ToLowerInvariant();
