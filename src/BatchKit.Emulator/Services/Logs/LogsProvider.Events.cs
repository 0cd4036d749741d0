using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Logs;

/// <summary>Writing and reading events: PutLogEvents, GetLogEvents, FilterLogEvents.</summary>
internal sealed partial class LogsProvider
{
    /// <summary>A batch holds at most 1,048,576 bytes, counted as each message's UTF-8 bytes plus 26.</summary>
    public const int MaxBatchBytes = 1_048_576;

    /// <summary>What each event adds to a batch's size beside its message.</summary>
    public const int EventOverheadBytes = 26;

    /// <summary>Default and largest number of events a read returns (EventsLimit in the model).</summary>
    private const int MaxEvents = 10_000;

    private static readonly TimeSpan MaxBatchSpan = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(14);
    private static readonly TimeSpan MaxAhead = TimeSpan.FromHours(2);

    /// <summary>
    /// Events must be in chronological order, span at most 24 hours and weigh at most 1 MiB; events over 14 days old,
    /// older than the group's retention, or over 2 hours ahead are not stored and are reported in
    /// rejectedLogEventsInfo. The sequence token is ignored, as AWS has ignored it since January 2023.
    /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
    /// </summary>
    public JsonObject PutLogEvents(JsonObject request)
    {
        var events = request["logEvents"]!.AsArray()
            .Select(e => (Timestamp: e!["timestamp"]!.GetValue<long>(), Message: e["message"]!.GetValue<string>())).ToList();
        CheckBatch(events);
        var group = request["logGroupName"]!.GetValue<string>();
        var name = request["logStreamName"]!.GetValue<string>();
        var now = Now();
        lock (store.Writes)
        {
            var stream = Stream(group, name);
            var retention = store.Groups[group].RetentionInDays;
            var tooNew = events.FindIndex(e => e.Timestamp > now + (long)MaxAhead.TotalMilliseconds);
            var tooOld = events.FindLastIndex(e => e.Timestamp < now - (long)MaxAge.TotalMilliseconds);
            var expired = retention is { } days ? events.FindLastIndex(e => e.Timestamp < now - (days * 86_400_000L)) : -1;
            var first = Math.Max(tooOld, expired) + 1;
            var end = tooNew < 0 ? events.Count : tooNew;
            store.Events(stream).Append(events[first..Math.Max(first, end)], now, store.Durable);
            return RejectedInfo(tooNew, tooOld, expired);
        }
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html</summary>
    public JsonObject GetLogEvents(JsonObject request)
    {
        var group = Group(request);
        var stream = Stream(group.Name, request["logStreamName"]!.GetValue<string>());
        var limit = request["limit"]?.GetValue<int>() ?? MaxEvents;
        var fromHead = request["startFromHead"]?.GetValue<bool>() ?? false;
        var (forward, cursor) = request["nextToken"]?.GetValue<string>() is { } token
            ? ReadStreamToken(token)
            : (fromHead, fromHead ? (long.MinValue, long.MinValue) : (long.MaxValue, long.MaxValue));
        var window = InWindow(store.Events(stream).Read(), request, group);
        var page = forward
            ? LogEventOrder.Smallest(window.Where(e => (e.Timestamp, e.Sequence).CompareTo(cursor) > 0), limit, e => (e.Timestamp, e.Sequence))
            : LogEventOrder.Largest(window.Where(e => (e.Timestamp, e.Sequence).CompareTo(cursor) < 0), limit, e => (e.Timestamp, e.Sequence));
        page = WithinResponseSize(page, forward);
        var last = page.Count > 0 ? (page[^1].Timestamp, page[^1].Sequence) : cursor;
        var first = page.Count > 0 ? (page[0].Timestamp, page[0].Sequence) : cursor;
        return new JsonObject
        {
            ["events"] = new JsonArray([.. page.Select(e => (JsonNode)new JsonObject
            {
                ["timestamp"] = e.Timestamp, ["message"] = e.Message, ["ingestionTime"] = e.IngestionTime,
            })]),
            ["nextForwardToken"] = "f/" + _tokens.Issue(Position(last)),
            ["nextBackwardToken"] = "b/" + _tokens.Issue(Position(first)),
        };
    }

    /// <summary>
    /// Events of the group's streams (all, those named, or those with a prefix) in time order across streams, matching the
    /// filter pattern; a page ends at <c>limit</c> events or 1 MB, and its nextToken carries the last event's position,
    /// so events ingested meanwhile are not skipped (what <c>aws logs tail --follow</c> relies on).
    /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
    /// </summary>
    public JsonObject FilterLogEvents(JsonObject request)
    {
        var group = Group(request);
        var names = (request["logStreamNames"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var prefix = request["logStreamNamePrefix"]?.GetValue<string>();
        if (names is not null && prefix is not null)
        {
            throw LogsErrors.InvalidParameter("logStreamNames and logStreamNamePrefix cannot both be specified.");
        }

        var pattern = FilterPattern.Parse(request["filterPattern"]?.GetValue<string>());
        var limit = request["limit"]?.GetValue<int>() ?? MaxEvents;
        var cursor = request["nextToken"]?.GetValue<string>() is { } token ? ReadGroupToken(token) : (long.MinValue, 0L, 0L);
        var streams = store.StreamsOf(group.Name)
            .Where(s => (names is null || names.Contains(s.Name)) && (prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal))).ToList();
        var matches = streams.SelectMany(s => InWindow(store.Events(s).Read(), request, group)
            .Where(e => (e.Timestamp, s.Number, e.Sequence).CompareTo(cursor) > 0 && pattern.Matches(e.Message))
            .Select(e => (Stream: s, Event: e)));
        var page = LogEventOrder.Smallest(matches, limit + 1, m => (m.Event.Timestamp, m.Stream.Number, m.Event.Sequence));
        var kept = WithinResponseSize(page.Take(limit).ToList(), m => m.Event.Message, forward: true);
        var response = new JsonObject { ["events"] = new JsonArray([.. kept.Select(m => (JsonNode)Filtered(m.Stream, m.Event))]) };
        if (kept.Count < page.Count)
        {
            var last = kept[^1];
            response["nextToken"] = _tokens.Issue(Position((last.Event.Timestamp, last.Stream.Number, last.Event.Sequence)));
        }

        return response;
    }

    private static void CheckBatch(List<(long Timestamp, string Message)> events)
    {
        var bytes = events.Sum(e => (long)Encoding.UTF8.GetByteCount(e.Message) + EventOverheadBytes);
        if (bytes > MaxBatchBytes)
        {
            throw LogsErrors.InvalidParameter($"Upload too large: {bytes} bytes exceeds limit of {MaxBatchBytes}");
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Timestamp < events[i - 1].Timestamp)
            {
                throw LogsErrors.InvalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }

        if (events.Count > 0 && events[^1].Timestamp - events[0].Timestamp > (long)MaxBatchSpan.TotalMilliseconds)
        {
            throw LogsErrors.InvalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
    }

    private static JsonObject RejectedInfo(int tooNew, int tooOld, int expired)
    {
        var info = new JsonObject();
        if (tooNew >= 0)
        {
            info["tooNewLogEventStartIndex"] = tooNew;
        }

        if (tooOld >= 0)
        {
            info["tooOldLogEventEndIndex"] = tooOld;
        }

        if (expired >= 0)
        {
            info["expiredLogEventEndIndex"] = expired;
        }

        return info.Count == 0 ? [] : new JsonObject { ["rejectedLogEventsInfo"] = info };
    }

    /// <summary>Events from startTime (inclusive) to endTime (exclusive) that the group's retention still keeps.</summary>
    private IEnumerable<LogEvent> InWindow(IEnumerable<LogEvent> events, JsonObject request, LogGroup group)
    {
        var start = request["startTime"]?.GetValue<long>() ?? long.MinValue;
        var end = request["endTime"]?.GetValue<long>() ?? long.MaxValue;
        var kept = group.RetentionInDays is { } days ? Now() - (days * 86_400_000L) : long.MinValue;
        return events.Where(e => e.Timestamp >= Math.Max(start, kept) && e.Timestamp < end);
    }

    private static List<LogEvent> WithinResponseSize(List<LogEvent> page, bool forward) => WithinResponseSize(page, e => e.Message, forward);

    /// <summary>A response holds at most 1 MB of events: the page is cut from its far end (its start, reading backwards).</summary>
    private static List<T> WithinResponseSize<T>(List<T> page, Func<T, string> message, bool forward)
    {
        var ordered = forward ? page : Enumerable.Reverse(page).ToList();
        var kept = new List<T>();
        long bytes = 0;
        foreach (var item in ordered)
        {
            bytes += Encoding.UTF8.GetByteCount(message(item)) + EventOverheadBytes;
            if (bytes > MaxBatchBytes && kept.Count > 0)
            {
                break;
            }

            kept.Add(item);
        }

        return forward ? kept : Enumerable.Reverse(kept).ToList();
    }

    private static JsonObject Filtered(LogStream stream, LogEvent e) => new()
    {
        ["logStreamName"] = stream.Name,
        ["timestamp"] = e.Timestamp,
        ["message"] = e.Message,
        ["ingestionTime"] = e.IngestionTime,
        ["eventId"] = string.Create(CultureInfo.InvariantCulture, $"{e.Timestamp:D20}{stream.Number:D18}{e.Sequence:D18}"),
    };

    private static string Position((long, long) key) => string.Create(CultureInfo.InvariantCulture, $"{key.Item1}/{key.Item2}");

    private static string Position((long, long, long) key) => string.Create(CultureInfo.InvariantCulture, $"{key.Item1}/{key.Item2}/{key.Item3}");

    private (bool Forward, (long, long) Key) ReadStreamToken(string token)
    {
        var forward = token.StartsWith("f/", StringComparison.Ordinal);
        var parts = token.Length > 2 && (forward || token.StartsWith("b/", StringComparison.Ordinal)) ? Numbers(_tokens.Read(token[2..])) : null;
        return parts is [var t, var s] ? (forward, (t, s)) : throw LogsErrors.InvalidParameter("The specified nextToken is invalid.");
    }

    private (long, long, long) ReadGroupToken(string token) =>
        Numbers(_tokens.Read(token)) is [var t, var n, var s] ? (t, n, s) : throw LogsErrors.InvalidParameter("The specified nextToken is invalid.");

    private static long[]? Numbers(string? position)
    {
        var parts = position?.Split('/');
        var numbers = parts?.Select(p => long.TryParse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).ToList();
        return numbers is null || numbers.Any(n => n is null) ? null : [.. numbers.Select(n => n!.Value)];
    }
}
