using System.CommandLine;
using BatchKit.Cli.Local;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary><c>batchkit status</c>: what of the local stack runs, and the workflow's recent executions.</summary>
internal static class StatusCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("status", "Show the local stack's processes and the recent executions of the workflow.");
        StackEndpoint.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            if (LocalPathsOrNull() is { } paths)
            {
                foreach (var name in new[] { "emulator", UpCommand.SlackStubProcess })
                {
                    var pid = new BackgroundProcess(name, paths).RunningPid();
                    if (pid is null)
                    {
                        console.MarkupLineInterpolated($"  [grey]•[/] {name}: not running");
                    }
                    else
                    {
                        console.MarkupLineInterpolated($"  [green]●[/] {name}: running, pid {pid}");
                    }
                }
            }

            using var stack = StackEndpoint.From(parse);
            await stack.EnsureAnswersAsync(ct).ConfigureAwait(false);
            var arn = await stack.StateMachineArnAsync(ct).ConfigureAwait(false);
            var executions = (await stack.StepFunctions.ListExecutionsAsync(arn, cancellationToken: ct).ConfigureAwait(false)).Executions;
            var table = new Table().AddColumns("Execution", "Status", "Started", "Took").Border(TableBorder.Rounded);
            foreach (var e in executions.Take(10))
            {
                var took = e.StopDate is { } stop ? $"{(stop - e.StartDate).TotalSeconds:0.0} s" : "running";
                var started = e.StartDate.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                table.AddRow(Markup.Escape(e.Name), Colour(e.Status), started, took);
            }

            console.MarkupLineInterpolated($"Recent executions of {stack.StateMachineName} at {stack.Where} ({executions.Count} in all):");
            console.Write(table);
        }, cancellationToken));
        return command;
    }

    internal static string Colour(string status) => status switch
    {
        "SUCCEEDED" => "[green]SUCCEEDED[/]",
        "RUNNING" => "[blue]RUNNING[/]",
        _ => $"[red]{Markup.Escape(status)}[/]",
    };

    private static LocalPaths? LocalPathsOrNull()
    {
        try
        {
            return LocalPaths.Find();
        }
        catch (BatchKitException)
        {
            return null;
        }
    }
}
