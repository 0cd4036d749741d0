using Spectre.Console;

namespace BatchKit.Cli.Tests;

/// <summary>Runs <c>batchkit</c> in-process with a plain, non-interactive console, capturing what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var exit = await BatchKitCommandLine.InvokeAsync(args, console, output, error, CancellationToken.None);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
