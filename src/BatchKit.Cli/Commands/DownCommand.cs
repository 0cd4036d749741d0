using System.CommandLine;
using BatchKit.Cli.Local;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary><c>batchkit down</c>: stops exactly the processes `batchkit up` started, by their pid files.</summary>
internal static class DownCommand
{
    /// <summary>The Java WireMock an older `batchkit up` started; stopped when its pid file still names it, so it frees 8089.</summary>
    private const string LegacyWireMock = "wiremock";

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("down", "Stop the local stack's emulator and Slack stub (the data in .batchkit/data stays).");
        command.SetAction((_, cancellationToken) => CommandRunner.RunAsync(console, async _ =>
        {
            var paths = LocalPaths.Find();
            foreach (var name in new[] { "emulator", UpCommand.SlackStubProcess, LegacyWireMock })
            {
                var process = new BackgroundProcess(name, paths);
                var pid = process.RunningPid();
                if (name == LegacyWireMock && pid is null)
                {
                    continue;
                }

                if (await process.StopAsync().ConfigureAwait(false))
                {
                    console.MarkupLineInterpolated($"  [green]✓[/] stopped {name} (pid {pid})");
                }
                else
                {
                    console.MarkupLineInterpolated($"  [grey]•[/] {name} was not running");
                }
            }

            // Containers a crashed emulator left (a stopped one removed its own): the emulator's own sweep.
            if (File.Exists(paths.Emulator))
            {
                var swept = await LeftoverContainers.RemoveAsync(paths).ConfigureAwait(false);
                console.MarkupLineInterpolated($"  [green]✓[/] {swept}");
            }
        }, cancellationToken));
        return command;
    }
}
