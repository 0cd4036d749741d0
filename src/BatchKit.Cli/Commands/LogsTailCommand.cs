using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using BatchKit.Aws;
using BatchKit.Aws.Logs;
using BatchKit.Cli.Local;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit logs tail GROUP [--follow] [--since 10m] [--filter-pattern P]</c>: a log group's events as AWS CLI v2's
/// <c>aws logs tail</c> prints them (<c>timestamp stream message</c>, the timestamp in ISO 8601 with microseconds), from
/// the emulator or AWS. It makes the same calls: FilterLogEvents from the start time with interleaved and nextToken
/// until the last page; with <c>--follow</c> it polls again from the newest timestamp seen, skipping the eventIds it
/// already printed at that timestamp. https://awscli.amazonaws.com/v2/documentation/api/latest/reference/logs/tail.html
/// </summary>
internal static partial class LogsTailCommand
{
    /// <summary>How long <c>--follow</c> waits between polls once it has read everything (the AWS CLI waits 5 s).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create(IAnsiConsole console)
    {
        var group = new Argument<string>("group") { Description = "The log group's name or ARN, e.g. /aws/lambda/NAME." };
        var follow = new Option<bool>("--follow") { Description = "Keep polling for new events until Ctrl-C." };
        var since = new Option<string>("--since")
        {
            Description = "Where to start: a relative time (a number and s, m, h, d or w: 10m, 2h) or an ISO 8601 timestamp.",
            DefaultValueFactory = _ => "10m",
        };
        var pattern = new Option<string?>("--filter-pattern") { Description = "A CloudWatch Logs filter pattern; all events when left out." };
        var command = new Command("tail", "Print a CloudWatch Logs group's events as `aws logs tail` does.") { group, follow, since, pattern };
        command.Options.Add(StackEndpoint.EndpointOption);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            using var stack = StackEndpoint.From(parse);
            var start = StartTime(parse.GetValue(since)!, DateTimeOffset.UtcNow);
            var name = parse.GetValue(group)!;
            try
            {
                await TailAsync(stack.Logs, name, start, parse.GetValue(pattern), parse.GetValue(follow), parse.InvocationConfiguration.Output, ct)
                    .ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.ErrorCode is "ResourceNotFoundException" or "InvalidParameterException")
            {
                throw new BatchKitException($"logs tail {name}: {e.Message}");
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>Prints every page; with <paramref name="follow"/> polls on from the newest timestamp until cancelled.</summary>
    public static async Task TailAsync(
        LogsClient logs, string group, long startTime, string? filterPattern, bool follow, TextWriter output, CancellationToken cancellationToken)
    {
        var start = startTime;
        var newest = startTime;
        var printedAtNewest = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        while (true)
        {
            var page = await logs.FilterLogEventsAsync(group, start, filterPattern, token, cancellationToken).ConfigureAwait(false);
            foreach (var e in page.Events.Where(e => e.Timestamp > newest || !printedAtNewest.Contains(e.EventId)))
            {
                await output.WriteLineAsync(Format(e)).ConfigureAwait(false);
                if (e.Timestamp > newest)
                {
                    (newest, printedAtNewest) = (e.Timestamp, new HashSet<string>(StringComparer.Ordinal));
                }

                printedAtNewest.Add(e.EventId);
            }

            token = page.NextToken;
            if (token is null)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (!follow)
                {
                    return;
                }

                start = newest; // the next poll starts at the newest event seen, as aws logs tail --follow does
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary><c>2026-11-30T21:40:00.123000+00:00 stream message</c>, the message without trailing white space.</summary>
    public static string Format(FilteredLogEvent e) =>
        $"{DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture)} "
        + $"{e.LogStreamName} {e.Message.TrimEnd()}";

    /// <summary>The start in milliseconds since the epoch: <c>10m</c> before <paramref name="now"/>, or an ISO 8601 timestamp.</summary>
    public static long StartTime(string since, DateTimeOffset now)
    {
        if (RelativeTime().Match(since) is { Success: true } relative)
        {
            var amount = long.Parse(relative.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = relative.Groups[2].Value switch { "s" => 1L, "m" => 60L, "h" => 3600L, "d" => 86_400L, _ => 604_800L };
            return now.ToUnixTimeMilliseconds() - (amount * unit * 1000);
        }

        return DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : throw new BatchKitException($"--since '{since}' is neither a relative time (a number and one of s, m, h, d, w: 10m) nor an ISO 8601 timestamp");
    }

    [GeneratedRegex("^([0-9]{1,9})(s|m|h|d|w)$")]
    private static partial Regex RelativeTime();
}
