using System.Globalization;
using BatchKit.Emulator;

// batchkit-emulator [--port 4566] [--bind 127.0.0.1] [--data-dir .batchkit/data]
var options = new EmulatorOptions();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options = args[i] switch
    {
        "--port" => options with { Port = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
        "--bind" => options with { BindAddress = args[i + 1] },
        "--data-dir" => options with { DataDirectory = args[i + 1] },
        _ => throw new ArgumentException($"unknown option '{args[i]}': use --port, --bind, --data-dir"),
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
await host.WaitForShutdownAsync(stop.Token);
