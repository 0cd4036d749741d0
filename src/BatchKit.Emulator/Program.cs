using System.Globalization;
using BatchKit.Emulator;

// batchkit-emulator [--port 4566] [--bind 127.0.0.1] [--data-dir .batchkit/data] [--ecs-image IMAGE=/path/to/command ...] [--max-tasks 4]
//                   [--slack-url http://127.0.0.1:8089]
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
        "--slack-url" => options with { SlackStubUrl = SlackStubUrl(args[i + 1]) },
        "--ecs-image" when args[i + 1].Split('=', 2) is [var image, var command] => options with { EcsImageCommands = images.TryAdd(image, command.Split(' ')) ? images : images },
        _ => throw new ArgumentException($"unknown option '{args[i]} {args[i + 1]}': use --port, --bind, --data-dir, --ecs-image IMAGE=COMMAND, --max-tasks N, --slack-url URL"),
    };
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var host = await EmulatorHost.StartAsync(options, stop.Token);
Console.WriteLine($"BatchKit emulator listening on {host.ServiceUrl} (data in {Path.GetFullPath(options.DataDirectory)})");
Console.WriteLine($"Viewer: {host.ViewerUrl}");
await host.WaitForShutdownAsync(stop.Token);

// The viewer reads the Slack stub's journal; a stub elsewhere would be a request leaving this machine.
static Uri SlackStubUrl(string value) =>
    Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.IsLoopback
        ? url
        : throw new ArgumentException($"--slack-url '{value}': expected an http URL on this machine, e.g. http://127.0.0.1:8089");
