using Spectre.Console;

namespace BatchKit.Cli.Tests;

/// <summary>Runs <c>batchkit</c> in-process with a plain, non-interactive console, capturing what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeAsync(new StringWriter(), CancellationToken.None, args);

    /// <summary>Runs until done or <paramref name="cancellationToken"/> (Ctrl-C), printing to <paramref name="output"/> as it goes.</summary>
    public static async Task<CliRun> InvokeAsync(TextWriter output, CancellationToken cancellationToken, params string[] args)
    {
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var exit = await BatchKitCommandLine.InvokeAsync(args, console, output, error, cancellationToken);
        return new CliRun(exit, output.ToString() ?? "", error.ToString());
    }
}
