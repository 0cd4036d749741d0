using BatchKit.Cli;
using Spectre.Console;

// Ctrl-C becomes a CancellationToken here and only here; commands observe it and exit with 130.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// Redirected output (CI logs, files) gets plain text: no colour codes, no redrawn progress bars.
var console = Console.IsOutputRedirected
    ? AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No })
    : AnsiConsole.Console;

return await BatchKitCommandLine.InvokeAsync(args, console, Console.Out, Console.Error, cancellation.Token);
