using System.Globalization;
using System.Runtime.InteropServices;
using BatchKit.Emulator;
using BatchKit.Emulator.Runtime;

// batchkit-emulator [--port 4566] [--bind 127.0.0.1] [--data-dir .batchkit/data] [--ecs-image IMAGE=/path/to/command ...]
//                   [--max-tasks 4] [--ecs-runtime process|container|auto] [--lambda-runtime process|container|auto]
//                   [--slack-url http://127.0.0.1:8089]
// batchkit-emulator --remove-leftover-containers   (removes the containers of emulators that no longer run)
if (args is ["--remove-leftover-containers"])
{
    using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
    var removed = await engine.AnswersAsync(CancellationToken.None) ? await engine.RemoveLeftoversAsync(CancellationToken.None) : [];
    Console.WriteLine($"removed {removed.Count} container(s) left by emulators that no longer run");
    return 0;
}

// batchkit-emulator [--secret-key test] [--allow-hot-reload DIR ...] [--ephemeral] [--time-scale 1]  (besides the options above)
EmulatorOptions options;
try
{
    options = ParseOptions(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    await Console.Error.WriteLineAsync($"batchkit-emulator: {e.Message}");
    return 2;
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
    Console.WriteLine($"BatchKit emulator listening on {host.ServiceUrl} (data in {Path.GetFullPath(options.DataDirectory)}, " +
                      (options.Ephemeral ? "ephemeral: records in memory, nothing fsynced; " : "durable; ") +
                      $"ECS tasks: {Name(options.EcsRuntime)}, Lambda: {Name(options.LambdaRuntime)}" +
                      (options.TimeScale == 1 ? ")" : $", clock at {options.TimeScale.ToString(CultureInfo.InvariantCulture)}x real time)"));
    foreach (var directory in options.HotReloadDirectories)
    {
        Console.WriteLine($"  hot reload allowed from {directory}");
    }

    Console.WriteLine($"Viewer: {host.ViewerUrl}");
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

// --time-scale 1000: the emulator's clock runs 1,000 times faster than the wall clock (Wait, Retry, timeouts, schedules).
static double TimeScale(string value) =>
    double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
        ? ScaledTimeProvider.Validate(scale)
        : throw new ArgumentException($"--time-scale '{value}': expected a number above 0 and at most {ScaledTimeProvider.MaxScale:0} (1 is real time)");

static string Name(RuntimeChoice choice) => choice.ToString().ToLowerInvariant();

// The viewer reads the Slack stub's journal; a stub elsewhere would be a request leaving this machine.
static Uri SlackStubUrl(string value) =>
    Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.IsLoopback
        ? url
        : throw new ArgumentException($"--slack-url '{value}': expected an http URL on this machine, e.g. http://127.0.0.1:8089");

static EmulatorOptions ParseOptions(string[] args)
{
    var options = new EmulatorOptions { Ephemeral = args.Contains("--ephemeral") };
    args = [.. args.Where(a => a != "--ephemeral")];
    var images = new Dictionary<string, string[]>(StringComparer.Ordinal);
    var hotReload = new List<string>();
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options = args[i] switch
        {
            "--port" => options with { Port = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
            "--bind" => options with { BindAddress = args[i + 1] },
            "--data-dir" => options with { DataDirectory = args[i + 1] },
            "--max-tasks" => options with { MaxConcurrentTasks = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
            "--slack-url" => options with { SlackStubUrl = SlackStubUrl(args[i + 1]) },
            "--ecs-image" when args[i + 1].Split('=', 2) is [var image, var command]
                => options with { EcsImageCommands = images.TryAdd(image, command.Split(' ')) ? images : images },
            "--secret-key" when args[i + 1].Length > 0 => options with { SecretKey = args[i + 1] },
            "--allow-hot-reload" => options with { HotReloadDirectories = [.. hotReload.Append(Path.GetFullPath(args[i + 1])).Distinct()] },
            "--ecs-runtime" => options with { EcsRuntime = RuntimeChoices.Parse(args[i], args[i + 1]) },
            "--lambda-runtime" => options with { LambdaRuntime = RuntimeChoices.Parse(args[i], args[i + 1]) },
            "--time-scale" => options with { TimeScale = TimeScale(args[i + 1]) },
            _ => throw new ArgumentException(
                $"unknown option '{args[i]} {args[i + 1]}': use --port, --bind, --data-dir, --ephemeral, --ecs-image IMAGE=COMMAND, "
                + "--max-tasks N, --secret-key KEY, --allow-hot-reload DIR, --ecs-runtime process|container|auto, "
                + "--lambda-runtime process|container|auto, --slack-url URL, --time-scale N"),
        };
        hotReload = [.. options.HotReloadDirectories];
    }

    return args.Length % 2 == 0 ? options : throw new ArgumentException($"option '{args[^1]}' needs a value");
}
