using System.CommandLine;
using BatchKit.Cli.Local;
using BatchKit.Deployment;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary><c>batchkit slack</c>: the messages the Slack stub received, oldest first (read from its request journal).</summary>
internal static class SlackCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("slack", "Show the messages the local Slack stub received.");
        StackEndpoint.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            using var stack = StackEndpoint.From(parse);
            IReadOnlyList<Deployment.SlackMessage> messages;
            try
            {
                messages = await stack.Slack.MessagesAsync(ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new BatchKitException($"the Slack stub at {stack.Slack.BaseUrl} does not answer ({e.Message}): start it with `make up`", e);
            }
            catch (Exception e) when (e is SlackStubException or System.Text.Json.JsonException)
            {
                throw new BatchKitException($"what answers at {stack.Slack.BaseUrl} is not the Slack stub: {e.Message}", e);
            }

            var table = new Table().AddColumns("Received", "Status", "Text").Border(TableBorder.Rounded);
            foreach (var m in messages)
            {
                table.AddRow(
                    m.Received.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    m.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(m.Text));
            }

            console.MarkupLineInterpolated($"{messages.Count} messages at {stack.Slack.BaseUrl}:");
            console.Write(table);
        }, cancellationToken));
        return command;
    }
}
