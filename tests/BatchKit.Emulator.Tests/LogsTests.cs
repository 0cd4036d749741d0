using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// CloudWatch Logs through the real AWS CLI (v1: the calls `aws logs tail` of CLI v2 makes, FilterLogEvents with a
/// start time, interleaved and nextToken, then again from the newest timestamp, deduplicated by eventId), the limits
/// and errors of the API reference, and a restart on the same data directory.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
/// </summary>
public sealed class LogsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly string _group = "/batchkit/test-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonNode> Cli(params string[] args)
    {
        var (exit, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, ["logs", .. args]);
        Assert.True(exit == 0, $"aws logs {string.Join(' ', args)}: {error}");
        return output.Length == 0 ? new JsonObject() : JsonNode.Parse(output)!;
    }

    private async Task<string> CliErrorAsync(params string[] args)
    {
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, ["logs", .. args]);
        Assert.True(exit != 0, $"aws logs {string.Join(' ', args)} should have failed");
        return error;
    }

    /// <summary>Events 2 ms apart from <paramref name="start"/>, as --log-events takes them.</summary>
    private static string Events(long start, params string[] messages) =>
        new JsonArray([.. messages.Select((m, i) => (JsonNode)new JsonObject { ["timestamp"] = start + (2 * i), ["message"] = m })]).ToJsonString();

    [Fact]
    public async Task The_calls_of_aws_logs_tail_page_through_both_streams_in_time_order_and_find_new_events_again()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Cli("create-log-group", "--log-group-name", _group);
        await Cli("create-log-stream", "--log-group-name", _group, "--log-stream-name", "a");
        await Cli("create-log-stream", "--log-group-name", _group, "--log-stream-name", "b");
        await Cli("put-log-events", "--log-group-name", _group, "--log-stream-name", "a", "--log-events", Events(now - 1000, "a0", "a1", "a2"));
        await Cli("put-log-events", "--log-group-name", _group, "--log-stream-name", "b", "--log-events", Events(now - 999, "b0", "b1"));

        var tailArgs = new[] { "filter-log-events", "--log-group-identifier", _group, "--start-time", (now - 60_000).ToString(), "--interleaved" };
        var first = await Cli([.. tailArgs, "--limit", "2", "--no-paginate"]);
        Assert.Equal(["a0", "b0"], Messages(first));
        var token = first["nextToken"]!.GetValue<string>();
        var rest = await Cli([.. tailArgs, "--limit", "2", "--no-paginate", "--next-token", token]);
        var last = await Cli([.. tailArgs, "--limit", "2", "--no-paginate", "--next-token", rest["nextToken"]!.GetValue<string>()]);
        Assert.Equal(["a1", "b1", "a2"], [.. Messages(rest), .. Messages(last)]);
        Assert.Null(last["nextToken"]);

        // --follow: the next poll starts at the newest timestamp seen, without a token, and drops the eventIds it printed.
        var newest = last["events"]!.AsArray()[^1]!;
        await Cli("put-log-events", "--log-group-name", _group, "--log-stream-name", "b", "--log-events", Events(now + 5, "b2 arrived later"));
        var again = await Cli("filter-log-events", "--log-group-name", _group, "--start-time", newest["timestamp"]!.ToString(), "--interleaved");
        Assert.Equal(newest["eventId"]!.GetValue<string>(), again["events"]![0]!["eventId"]!.GetValue<string>());
        Assert.Equal(["a2", "b2 arrived later"], Messages(again));
        Assert.Equal(["a", "b"], again["events"]!.AsArray().Select(e => e!["logStreamName"]!.GetValue<string>()));

        var all = await Cli("filter-log-events", "--log-group-name", _group, "--page-size", "2"); // the CLI follows every nextToken itself
        Assert.Equal(6, Messages(all).Count);
    }

    [Fact]
    public async Task Filter_patterns_match_terms_quoted_phrases_and_alternatives()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Cli("create-log-group", "--log-group-name", _group);
        await Cli("create-log-stream", "--log-group-name", _group, "--log-stream-name", "s");
        await Cli("put-log-events", "--log-group-name", _group, "--log-stream-name", "s", "--log-events",
            Events(now, "ERROR store 1003 failed", "WARN store 1004 slow", "INFO store 1005 done", "ERROR: disk full"));

        async Task<List<string>> Filter(string pattern) =>
            Messages(await Cli("filter-log-events", "--log-group-name", _group, "--filter-pattern", pattern));

        Assert.Equal(["ERROR store 1003 failed", "ERROR: disk full"], await Filter("ERROR"));
        Assert.Equal(["ERROR store 1003 failed"], await Filter("ERROR store"));
        Assert.Equal(["ERROR: disk full"], await Filter("\"ERROR: disk\""));
        Assert.Equal(["ERROR store 1003 failed", "WARN store 1004 slow"], await Filter("?1003 ?WARN"));
        Assert.Equal(["INFO store 1005 done"], await Filter("store -ERROR -WARN"));
        string[] filter = ["filter-log-events", "--log-group-name", _group, "--filter-pattern"];
        Assert.Contains("InvalidParameterException", await CliErrorAsync([.. filter, "{ $.level = 1 }"]));
        Assert.Contains("InvalidParameterException", await CliErrorAsync([.. filter, "ERROR:"]));
    }

    [Fact]
    public async Task GetLogEvents_and_DescribeLogStreams_read_one_stream_forward_and_backward()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Cli("create-log-group", "--log-group-name", _group);
        await Cli("create-log-stream", "--log-group-name", _group, "--log-stream-name", "2026/11/30/[$LATEST]abc");
        await Cli("put-log-events", "--log-group-name", _group, "--log-stream-name", "2026/11/30/[$LATEST]abc",
            "--log-events", Events(now - 10, "one", "two", "three"));

        var head = await Cli("get-log-events", "--log-group-name", _group, "--log-stream-name", "2026/11/30/[$LATEST]abc", "--start-from-head", "--limit", "2");
        Assert.Equal(["one", "two"], Messages(head));
        var next = await Cli("get-log-events", "--log-group-name", _group, "--log-stream-name", "2026/11/30/[$LATEST]abc",
            "--next-token", head["nextForwardToken"]!.GetValue<string>());
        Assert.Equal(["three"], Messages(next));
        var end = await Cli("get-log-events", "--log-group-name", _group, "--log-stream-name", "2026/11/30/[$LATEST]abc",
            "--next-token", next["nextForwardToken"]!.GetValue<string>());
        Assert.Empty(Messages(end));
        Assert.Equal(next["nextForwardToken"]!.GetValue<string>(), end["nextForwardToken"]!.GetValue<string>()); // no news: the same token back
        var tail = await Cli("get-log-events", "--log-group-name", _group, "--log-stream-name", "2026/11/30/[$LATEST]abc", "--limit", "1");
        Assert.Equal(["three"], Messages(tail));

        var streams = await Cli("describe-log-streams", "--log-group-name", _group, "--log-stream-name-prefix", "2026/");
        var stream = streams["logStreams"]!.AsArray().Single()!;
        Assert.Equal((now - 10, now - 6), (stream["firstEventTimestamp"]!.GetValue<long>(), stream["lastEventTimestamp"]!.GetValue<long>()));
        Assert.Equal($"arn:aws:logs:us-east-1:000000000000:log-group:{_group}:log-stream:2026/11/30/[$LATEST]abc", stream["arn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Groups_have_retention_and_tags_and_missing_or_duplicate_resources_are_AWS_errors()
    {
        await Cli("create-log-group", "--log-group-name", _group, "--tags", "team=batch");
        Assert.Contains("ResourceAlreadyExistsException", await CliErrorAsync("create-log-group", "--log-group-name", _group));
        await Cli("put-retention-policy", "--log-group-name", _group, "--retention-in-days", "14");
        Assert.Contains("InvalidParameterException", await CliErrorAsync("put-retention-policy", "--log-group-name", _group, "--retention-in-days", "2"));
        var arn = $"arn:aws:logs:us-east-1:000000000000:log-group:{_group}";
        await Cli("tag-resource", "--resource-arn", arn, "--tags", "stage=local");

        var described = (await Cli("describe-log-groups", "--log-group-name-prefix", _group))["logGroups"]!.AsArray().Single()!;
        Assert.Equal((14, arn + ":*"), (described["retentionInDays"]!.GetValue<int>(), described["arn"]!.GetValue<string>()));
        var tags = (await Cli("list-tags-for-resource", "--resource-arn", arn))["tags"]!.AsObject();
        Assert.Equal(["stage=local", "team=batch"], tags.Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal));
        await Cli("delete-retention-policy", "--log-group-name", _group);
        Assert.Null((await Cli("describe-log-groups", "--log-group-name-prefix", _group))["logGroups"]![0]!["retentionInDays"]);

        Assert.Contains("ResourceNotFoundException",
            await CliErrorAsync("create-log-stream", "--log-group-name", _group + "-missing", "--log-stream-name", "s"));
        Assert.Contains("ResourceNotFoundException", await CliErrorAsync("put-log-events", "--log-group-name", _group, "--log-stream-name", "missing",
            "--log-events", Events(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "x")));
        await Cli("delete-log-group", "--log-group-name", _group);
        Assert.Contains("ResourceNotFoundException", await CliErrorAsync("delete-log-group", "--log-group-name", _group));
    }

    [Fact]
    public async Task PutLogEvents_refuses_batches_out_of_order_over_24_hours_or_over_1_MiB_and_reports_events_too_old_or_too_new()
    {
        await Cli("create-log-group", "--log-group-name", _group);
        await Cli("create-log-stream", "--log-group-name", _group, "--log-stream-name", "s");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        async Task<(int Status, JsonObject Body)> Put(JsonArray events) => await emulator.JsonAsync("Logs_20140328.PutLogEvents", "logs",
            new JsonObject { ["logGroupName"] = _group, ["logStreamName"] = "s", ["logEvents"] = events });
        static JsonNode Event(long t, string m) => new JsonObject { ["timestamp"] = t, ["message"] = m };

        var outOfOrder = await Put([Event(now, "b"), Event(now - 1, "a")]);
        Assert.Equal((400, "InvalidParameterException"), (outOfOrder.Status, outOfOrder.Body["__type"]!.GetValue<string>()));
        Assert.Contains("chronological order", outOfOrder.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var tooLong = await Put([Event(now - 90_000_000, "a"), Event(now, "b")]);
        Assert.Contains("24 hours", tooLong.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var big = new string('x', 600_000);
        var tooLarge = await Put([Event(now, big), Event(now, big)]);
        Assert.Equal("InvalidParameterException", tooLarge.Body["__type"]!.GetValue<string>());
        Assert.Contains("1048576", tooLarge.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var old = await Put([Event(now - (15L * 86_400_000), "old")]);
        var future = await Put([Event(now, "kept"), Event(now + (3 * 3_600_000), "future")]);
        Assert.Equal((200, 0), (old.Status, old.Body["rejectedLogEventsInfo"]!["tooOldLogEventEndIndex"]!.GetValue<int>()));
        Assert.Equal((200, 1), (future.Status, future.Body["rejectedLogEventsInfo"]!["tooNewLogEventStartIndex"]!.GetValue<int>()));
        Assert.Equal(["kept"], Messages(await Cli("filter-log-events", "--log-group-name", _group)));
    }

    private static List<string> Messages(JsonNode response) => [.. response["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>())];
}
