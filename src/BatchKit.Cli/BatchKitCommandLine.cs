using System.CommandLine;
using BatchKit.Cli.Commands;
using Spectre.Console;

namespace BatchKit.Cli;

/// <summary>Builds the <c>batchkit</c> command tree; each command lives in its own file under Commands/.</summary>
internal static class BatchKitCommandLine
{
    public static RootCommand Build(IAnsiConsole console)
    {
        var root = new RootCommand("BatchKit: run a serverless sales batch pipeline locally, then deploy it unchanged to AWS.");
        root.Subcommands.Add(GenerateCommand.Create(console));
        root.Subcommands.Add(UpCommand.Create(console));
        root.Subcommands.Add(DownCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(UploadCommand.Create(console));
        root.Subcommands.Add(WatchCommand.Create(console));
        root.Subcommands.Add(StatusCommand.Create(console));
        root.Subcommands.Add(SlackCommand.Create(console));
        root.Subcommands.Add(LogsCommand.Create(console));
        root.Subcommands.Add(JsonataCommand.Create(console));
        root.Subcommands.Add(SlackStubCommand.Create(console));
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Ctrl-C is turned into <paramref name="cancellationToken"/> by the caller
    /// (Program.cs), in one place; the library's own termination handling is switched off so there is only one.
    /// </summary>
    public static Task<int> InvokeAsync(string[] args, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
        };
        return Build(console).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
