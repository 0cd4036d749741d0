using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// Amazon CloudWatch Logs: log groups, streams and events, one method per operation, named after it. Requests arrive
/// validated against the logs model (name patterns and lengths, limits 1-50 and 1-10,000, retention values); the rules
/// the model cannot say (name or identifier, batch size and order, filter patterns) are checked here. The Lambda
/// functions' and ECS tasks' output arrives through <see cref="Ingest"/>.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_Operations.html
/// </summary>
internal sealed partial class LogsProvider(LogsStore store, EmulatorOptions options, TimeProvider time) : IJsonService
{
    private const int DefaultDescribeLimit = 50;

    /// <summary>The retention periods a log group can have (the model says only "integer").</summary>
    private static readonly int[] RetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
    private readonly PageTokens _tokens = new(options.SecretKey, "logs");
    private Dictionary<string, Func<JsonObject, JsonObject>>? _handlers;

    public string TargetPrefix => "Logs_20140328";

    public string ContentType => "application/x-amz-json-1.1";

    public string SigningName => "logs";

    public string ModelName => "logs";

    /// <summary>A PutLogEvents batch holds up to 1 MiB of events; room for JSON escaping on top.</summary>
    public long MaxRequestBytes => 8 << 20;

    public IReadOnlyCollection<string> Operations => Handlers.Keys;

    private Dictionary<string, Func<JsonObject, JsonObject>> Handlers => _handlers ??= new(StringComparer.Ordinal)
    {
        ["CreateLogGroup"] = CreateLogGroup,
        ["DeleteLogGroup"] = DeleteLogGroup,
        ["DescribeLogGroups"] = DescribeLogGroups,
        ["CreateLogStream"] = CreateLogStream,
        ["DeleteLogStream"] = DeleteLogStream,
        ["DescribeLogStreams"] = DescribeLogStreams,
        ["PutLogEvents"] = PutLogEvents,
        ["GetLogEvents"] = GetLogEvents,
        ["FilterLogEvents"] = FilterLogEvents,
        ["PutRetentionPolicy"] = PutRetentionPolicy,
        ["DeleteRetentionPolicy"] = DeleteRetentionPolicy,
        ["TagResource"] = TagResource,
        ["UntagResource"] = UntagResource,
        ["ListTagsForResource"] = ListTagsForResource,
    };

    /// <summary>Writes the Lambda functions' and ECS tasks' output into their log groups.</summary>
    public LogsIngest Ingest { get; } = new(store, time);

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        Handlers.TryGetValue(operation, out var handler)
            ? Task.FromResult<JsonNode?>(handler(request))
            : throw new ServiceErrorException(
                "UnknownOperationException", $"The operation {operation} is not supported by BatchKit's CloudWatch Logs emulation.");

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html</summary>
    public JsonObject CreateLogGroup(JsonObject request)
    {
        var name = request["logGroupName"]!.GetValue<string>();
        var tags = Tags(request["tags"] as JsonObject);
        var group = new LogGroup(name, Now())
        {
            LogGroupClass = request["logGroupClass"]?.GetValue<string>() ?? "STANDARD",
            Tags = tags,
        };
        lock (store.Writes)
        {
            return store.Groups.TryAdd(name, group) ? [] : throw LogsErrors.LogGroupExists();
        }
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html</summary>
    public JsonObject DeleteLogGroup(JsonObject request)
    {
        var name = request["logGroupName"]!.GetValue<string>();
        lock (store.Writes)
        {
            _ = store.Groups.GetValueOrDefault(name) ?? throw LogsErrors.LogGroupNotFound();
            store.RemoveGroup(name);
        }

        return [];
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html</summary>
    public JsonObject DescribeLogGroups(JsonObject request)
    {
        var prefix = request["logGroupNamePrefix"]?.GetValue<string>();
        var pattern = request["logGroupNamePattern"]?.GetValue<string>();
        var identifiers = (request["logGroupIdentifiers"] as JsonArray)?.Select(i => GroupName(i!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);
        if ((prefix is not null ? 1 : 0) + (pattern is not null ? 1 : 0) + (identifiers is not null ? 1 : 0) > 1)
        {
            throw LogsErrors.InvalidParameter("LogGroup name prefix, LogGroup name pattern and LogGroup identifiers are mutually exclusive.");
        }

        var groups = store.Groups.Values
            .Where(g => prefix is null || g.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(g => pattern is null || g.Name.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            .Where(g => identifiers is null || identifiers.Contains(g.Name))
            .Where(g => request["logGroupClass"]?.GetValue<string>() is not { } c || g.LogGroupClass == c)
            .OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        return Page(request, groups, "logGroups", Describe);
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html</summary>
    public JsonObject CreateLogStream(JsonObject request)
    {
        var group = request["logGroupName"]!.GetValue<string>();
        var name = request["logStreamName"]!.GetValue<string>();
        lock (store.Writes)
        {
            _ = store.Groups.GetValueOrDefault(group) ?? throw LogsErrors.LogGroupNotFound();
            _ = store.Streams.ContainsKey(LogsStore.Key(group, name)) ? throw LogsErrors.LogStreamExists() : store.AddStream(group, name, Now());
        }

        return [];
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogStream.html</summary>
    public JsonObject DeleteLogStream(JsonObject request)
    {
        var group = request["logGroupName"]!.GetValue<string>();
        lock (store.Writes)
        {
            store.RemoveStream(Stream(group, request["logStreamName"]!.GetValue<string>()));
        }

        return [];
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html</summary>
    public JsonObject DescribeLogStreams(JsonObject request)
    {
        var group = Group(request);
        var prefix = request["logStreamNamePrefix"]?.GetValue<string>();
        var byLastEvent = request["orderBy"]?.GetValue<string>() == "LastEventTime";
        if (byLastEvent && prefix is not null)
        {
            throw LogsErrors.InvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        var streams = store.StreamsOf(group.Name).Where(s => prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        IEnumerable<LogStream> ordered = byLastEvent
            ? streams.OrderBy(s => store.Events(s).Summary.LastEventTimestamp ?? 0).ThenBy(s => s.Name, StringComparer.Ordinal)
            : streams.OrderBy(s => s.Name, StringComparer.Ordinal);
        if (request["descending"]?.GetValue<bool>() == true)
        {
            ordered = ordered.Reverse();
        }

        return Page(request, ordered.ToList(), "logStreams", Describe);
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html</summary>
    public JsonObject PutRetentionPolicy(JsonObject request)
    {
        var days = request["retentionInDays"]!.GetValue<int>();
        return RetentionDays.Contains(days)
            ? ChangeGroup(request["logGroupName"]!.GetValue<string>(), g => g with { RetentionInDays = days })
            : throw LogsErrors.InvalidParameter($"1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy constraint: "
                + $"Member must satisfy enum value set: [{string.Join(", ", RetentionDays)}]");
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteRetentionPolicy.html</summary>
    public JsonObject DeleteRetentionPolicy(JsonObject request) =>
        ChangeGroup(request["logGroupName"]!.GetValue<string>(), g => g with { RetentionInDays = null });

    private JsonObject ChangeGroup(string name, Func<LogGroup, LogGroup> change)
    {
        lock (store.Writes)
        {
            var group = store.Groups.GetValueOrDefault(name) ?? throw LogsErrors.LogGroupNotFound();
            store.Groups[name] = change(group);
        }

        return [];
    }

    /// <summary>One page of a described list: <c>limit</c> items (default 50) from the position a nextToken carries.</summary>
    private JsonObject Page<T>(JsonObject request, List<T> items, string member, Func<T, JsonObject> describe)
    {
        var limit = request["limit"]?.GetValue<int>() ?? DefaultDescribeLimit;
        var start = request["nextToken"]?.GetValue<string>() is { } token
            ? _tokens.ReadOffset(token) ?? throw LogsErrors.InvalidParameter("The specified nextToken is invalid.")
            : 0;
        var response = new JsonObject { [member] = new JsonArray([.. items.Skip(start).Take(limit).Select(i => (JsonNode)describe(i))]) };
        if (start + limit < items.Count)
        {
            response["nextToken"] = _tokens.Issue((start + limit).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
