using System.CommandLine;
using System.Runtime.InteropServices;
using BatchKit.Cli.Local;
using BatchKit.Deployment;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit slack-stub</c> (hidden): hosts the WireMock.Net Slack stub in the foreground until SIGTERM or Ctrl-C.
/// <c>batchkit up</c> starts it in the background, with a pid file and <c>.batchkit/slack-stub.log</c>, as it starts the
/// emulator; being a command of the CLI that `make up` builds anyway, it needs no publish step of its own.
/// </summary>
internal static class SlackStubCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (0: any free one).", DefaultValueFactory = _ => 8089 };
        var mappings = new Option<string?>("--mappings") { Description = "The mappings directory (default: localstack/wiremock/mappings of the repository)." };
        var command = new Command("slack-stub", "Run the local Slack webhook stub (WireMock.Net) in the foreground.") { port, mappings };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console,
            ct => RunAsync(parse.GetValue(port), parse.GetValue(mappings) ?? LocalPaths.Find().SlackMappings, ct), cancellationToken));
        return command;
    }

    private static async Task RunAsync(int port, string mappings, CancellationToken cancellationToken)
    {
        // SIGTERM is how `batchkit down` stops it: a normal end (exit 0), unlike Ctrl-C (130).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        SlackStubServer server;
        try
        {
            server = SlackStubServer.Start(mappings, port, Console.Out);
        }
        catch (SlackStubException e)
        {
            throw new BatchKitException(e.Message, e);
        }

        using (server)
        {
            // Plain lines on stdout, as the stub's own log: the console would wrap them at 80 columns in the log file.
            var admin = new Uri(server.BaseUrl, "/__admin");
            await Console.Out.WriteLineAsync(
                $"Slack stub (WireMock.Net) listening on {server.BaseUrl}: webhook {server.Client.WebhookUrl}, admin API {admin}, mappings {mappings}")
                .ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await Console.Out.WriteLineAsync("Slack stub stopped (SIGTERM).").ConfigureAwait(false);
            }
        }
    }
}
