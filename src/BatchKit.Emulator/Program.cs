using System.Globalization;
using BatchKit.Emulator;

// batchkit-emulator [--port 4566] [--bind 127.0.0.1] [--data-dir .batchkit/data] [--ecs-image IMAGE=/path/to/command ...] [--max-tasks 4]
//                   [--secret-key test] [--allow-hot-reload DIR ...] [--ephemeral]
var ephemeral = args.Contains("--ephemeral");
args = [.. args.Where(a => a != "--ephemeral")];
var options = new EmulatorOptions { Ephemeral = ephemeral };
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
        "--ecs-image" when args[i + 1].Split('=', 2) is [var image, var command] => options with { EcsImageCommands = images.TryAdd(image, command.Split(' ')) ? images : images },
        "--secret-key" when args[i + 1].Length > 0 => options with { SecretKey = args[i + 1] },
        "--allow-hot-reload" => options with { HotReloadDirectories = [.. hotReload.Append(Path.GetFullPath(args[i + 1])).Distinct()] },
        _ => throw new ArgumentException(
            $"unknown option '{args[i]} {args[i + 1]}': use --port, --bind, --data-dir, --ephemeral, --ecs-image IMAGE=COMMAND, --max-tasks N, --secret-key KEY, --allow-hot-reload DIR"),
    };
    hotReload = [.. options.HotReloadDirectories];
}

if (args.Length % 2 != 0)
{
    throw new ArgumentException($"option '{args[^1]}' needs a value");
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var host = await EmulatorHost.StartAsync(options, stop.Token);
Console.WriteLine($"BatchKit emulator listening on {host.ServiceUrl} (data in {Path.GetFullPath(options.DataDirectory)}"
    + (options.Ephemeral ? ", ephemeral: records in memory, nothing fsynced)" : ", durable)"));
foreach (var directory in options.HotReloadDirectories)
{
    Console.WriteLine($"  hot reload allowed from {directory}");
}

await host.WaitForShutdownAsync(stop.Token);
