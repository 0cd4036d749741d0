using BatchKit.Cli;
using Spectre.Console;

// Ctrl-C becomes a CancellationToken here and only here; commands observe it and exit with 130.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await BatchKitCommandLine.InvokeAsync(args, AnsiConsole.Console, Console.Out, Console.Error, cancellation.Token);
