using System.Text.Json.Nodes;
using BatchKit.Cli.Commands;

namespace BatchKit.Cli.Tests;

/// <summary>
/// <c>batchkit logs tail</c> against the emulator in-process: the lines `aws logs tail` prints (timestamp with
/// microseconds, stream, message) in time order across streams, <c>--follow</c> printing a new event once, and the
/// user errors of a missing group or a bad <c>--since</c>.
/// </summary>
public sealed class LogsTailCommandTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly string _group = "/batchkit/tail-" + Guid.NewGuid().ToString("N")[..8];

    private async Task CallAsync(string operation, JsonObject request)
    {
        var (status, body) = await emulator.JsonAsync("Logs_20140328." + operation, "logs", request);
        Assert.True(status == 200, $"{operation}: {body}");
    }

    private Task PutAsync(string stream, long timestamp, string message) => CallAsync("PutLogEvents", new JsonObject
    {
        ["logGroupName"] = _group, ["logStreamName"] = stream,
        ["logEvents"] = new JsonArray(new JsonObject { ["timestamp"] = timestamp, ["message"] = message }),
    });

    private async Task<long> GroupWithTwoStreamsAsync()
    {
        await CallAsync("CreateLogGroup", new JsonObject { ["logGroupName"] = _group });
        await CallAsync("CreateLogStream", new JsonObject { ["logGroupName"] = _group, ["logStreamName"] = "job/main/1" });
        await CallAsync("CreateLogStream", new JsonObject { ["logGroupName"] = _group, ["logStreamName"] = "job/main/2" });
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000) - 5000;
        await PutAsync("job/main/1", start, "first\n");
        await PutAsync("job/main/2", start + 1, "second");
        await PutAsync("job/main/1", start + 2002, "third");
        return start;
    }

    private static string Stamp(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00:00";

    [Fact]
    public async Task Tail_prints_every_stream_s_events_in_time_order_as_aws_logs_tail_does()
    {
        var start = await GroupWithTwoStreamsAsync();

        var run = await CliRun.InvokeAsync("logs", "tail", _group, "--endpoint", emulator.Host.ServiceUrl.ToString(), "--since", "1h");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(
            [$"{Stamp(start)} job/main/1 first", $"{Stamp(start + 1)} job/main/2 second", $"{Stamp(start + 2002)} job/main/1 third"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith(".000000+00:00", Stamp(start), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_prints_an_event_that_arrives_later_once_and_stops_on_Ctrl_C()
    {
        var start = await GroupWithTwoStreamsAsync();
        var printed = new StringWriter();
        var output = TextWriter.Synchronized(printed); // its writes lock the wrapper (MethodImplOptions.Synchronized), so reads lock it too
        string Printed()
        {
            lock (output)
            {
                return printed.ToString();
            }
        }

        using var cancel = new CancellationTokenSource();
        var tail = CliRun.InvokeAsync(output, cancel.Token, "logs", "tail", _group, "--follow", "--endpoint", emulator.Host.ServiceUrl.ToString());
        await Eventually.TrueAsync(() => Printed().Contains("third", StringComparison.Ordinal), "tail --follow printing the first events");

        await PutAsync("job/main/2", start + 2002, "fourth, at the newest timestamp");
        await Eventually.TrueAsync(() => Printed().Contains("fourth", StringComparison.Ordinal), "tail --follow printing the new event");
        await Task.Delay(2500); // two more polls from the newest timestamp: neither may print an event again
        await cancel.CancelAsync();
        var run = await tail.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        var lines = Printed().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(" job/main/", StringComparison.Ordinal));
        Assert.Equal(["first", "second", "third", "fourth,"], lines.Select(l => l.Split(' ')[2]));
    }

    [Fact]
    public async Task A_missing_group_or_a_bad_since_is_a_user_error_naming_it()
    {
        var missing = await CliRun.InvokeAsync("logs", "tail", _group, "--endpoint", emulator.Host.ServiceUrl.ToString());
        var badSince = await CliRun.InvokeAsync("logs", "tail", _group, "--endpoint", emulator.Host.ServiceUrl.ToString(), "--since", "5h30m");

        Assert.Equal((ExitCodes.UserError, ExitCodes.UserError), (missing.ExitCode, badSince.ExitCode));
        Assert.Contains("The specified log group does not exist", OneLine(missing.Output), StringComparison.Ordinal);
        Assert.Contains("--since '5h30m'", OneLine(badSince.Output), StringComparison.Ordinal);
    }

    /// <summary>The console wraps long lines at word boundaries; this joins them again.</summary>
    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Theory]
    [InlineData("10m", 1_000_000L - 600_000L)]
    [InlineData("2h", 1_000_000L - 7_200_000L)]
    [InlineData("1970-01-01T00:00:05Z", 5_000L)]
    public void Since_is_a_relative_time_or_an_ISO_8601_timestamp(string since, long expected) =>
        Assert.Equal(expected, LogsTailCommand.StartTime(since, DateTimeOffset.FromUnixTimeMilliseconds(1_000_000)));
}
