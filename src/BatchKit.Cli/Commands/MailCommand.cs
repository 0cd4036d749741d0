using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BatchKit.Cli.Local;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit mail</c>: the messages SES delivered into the embedded emulator's local mailbox (on AWS they go to the
/// recipients), newest last; <c>--show N</c> prints one message whole, raw MIME included.
/// </summary>
internal static class MailCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var count = new Option<int>("--last") { Description = "How many of the newest messages to list.", DefaultValueFactory = _ => 20 };
        var show = new Option<int?>("--show") { Description = "Print message N of the list (1 is the oldest) whole." };
        var command = new Command("mail", "List the messages SES sent into the local mailbox (embedded emulator).") { count, show };
        StackEndpoint.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            using var stack = StackEndpoint.From(parse);
            if (stack.Endpoint is not { } endpoint)
            {
                throw new BatchKitException("on AWS, SES delivers to the recipients; the local mailbox exists only in the embedded emulator");
            }

            using var http = new HttpClient();
            var mailbox = await http.GetFromJsonAsync<JsonObject>(new Uri(endpoint, "/_batchkit/ses/messages"), ct).ConfigureAwait(false);
            var messages = mailbox!["messages"]!.AsArray();
            if (parse.GetValue(show) is { } number)
            {
                var message = number >= 1 && number <= messages.Count ? messages[number - 1]!
                    : throw new BatchKitException($"there is no message {number}; the mailbox holds {messages.Count}");
                Print(console, message);
                return;
            }

            var table = new Table().AddColumns("#", "sent", "from", "to", "subject");
            var index = 0;
            foreach (var message in messages)
            {
                index++;
                if (index > messages.Count - parse.GetValue(count))
                {
                    table.AddRow(Markup.Escape(index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        Markup.Escape(message!["Timestamp"]?.GetValue<string>() ?? ""),
                        Markup.Escape(message["Source"]?.GetValue<string>() ?? ""), Markup.Escape(Recipients(message)),
                            Markup.Escape(message["Subject"]?.GetValue<string>() ?? ""));
                }
            }

            console.Write(table);
            console.WriteLine($"{messages.Count} message(s); batchkit mail --show N prints one.");
        }, cancellationToken));
        return command;
    }

    private static void Print(IAnsiConsole console, JsonNode message)
    {
        console.WriteLine($"From: {message["Source"]}");
        console.WriteLine($"To: {Recipients(message)}");
        console.WriteLine($"Subject: {message["Subject"]}");
        console.WriteLine($"Date: {message["Timestamp"]}");
        console.WriteLine();
        console.WriteLine(message["Raw"]?.GetValue<string>() ?? message["Text"]?.GetValue<string>() ?? message["Html"]?.GetValue<string>() ?? "");
    }

    private static string Recipients(JsonNode message) =>
        string.Join(", ", (message["Destination"]?["ToAddresses"] as JsonArray ?? []).Select(a => a!.GetValue<string>()));
}
