using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Logs;

/// <summary>Finding groups and streams by name, identifier or ARN; describing them; their tags.</summary>
internal sealed partial class LogsProvider
{
    /// <summary>A resource holds up to 50 tags. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html</summary>
    private const int MaxTags = 50;

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html</summary>
    public JsonObject TagResource(JsonObject request)
    {
        var added = Tags(request["tags"] as JsonObject);
        return ChangeGroup(GroupOfArn(request["resourceArn"]!.GetValue<string>()), g =>
        {
            var tags = new SortedDictionary<string, string>(g.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in added)
            {
                tags[key] = value;
            }

            return tags.Count > MaxTags ? throw LogsErrors.TooManyTags(MaxTags) : g with { Tags = tags };
        });
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_UntagResource.html</summary>
    public JsonObject UntagResource(JsonObject request)
    {
        var keys = request["tagKeys"]!.AsArray().Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return ChangeGroup(GroupOfArn(request["resourceArn"]!.GetValue<string>()), g => g with
        {
            Tags = new SortedDictionary<string, string>(g.Tags.Where(t => !keys.Contains(t.Key)).ToDictionary(), StringComparer.Ordinal),
        });
    }

    /// <summary>https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html</summary>
    public JsonObject ListTagsForResource(JsonObject request)
    {
        var group = store.Groups.GetValueOrDefault(GroupOfArn(request["resourceArn"]!.GetValue<string>())) ?? throw LogsErrors.LogGroupNotFound();
        return new JsonObject { ["tags"] = TagsJson(group.Tags) };
    }

    /// <summary>The group a request names by <c>logGroupName</c> or <c>logGroupIdentifier</c> (a name or an ARN), never both.</summary>
    private LogGroup Group(JsonObject request)
    {
        var name = request["logGroupName"]?.GetValue<string>();
        var identifier = request["logGroupIdentifier"]?.GetValue<string>();
        if ((name is null) == (identifier is null))
        {
            throw LogsErrors.InvalidParameter(name is null
                ? "Either logGroupName or logGroupIdentifier must be specified."
                : "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }

        return store.Groups.GetValueOrDefault(name ?? GroupName(identifier!)) ?? throw LogsErrors.LogGroupNotFound();
    }

    private LogStream Stream(string group, string name)
    {
        _ = store.Groups.GetValueOrDefault(group) ?? throw LogsErrors.LogGroupNotFound();
        return store.Streams.GetValueOrDefault(LogsStore.Key(group, name)) ?? throw LogsErrors.LogStreamNotFound();
    }

    /// <summary>A log group identifier is its name or its ARN (<c>arn:aws:logs:region:account:log-group:NAME</c>, with or without <c>:*</c>).</summary>
    private static string GroupName(string identifier)
    {
        if (!identifier.StartsWith("arn:", StringComparison.Ordinal))
        {
            return identifier;
        }

        var marker = identifier.IndexOf(":log-group:", StringComparison.Ordinal);
        return marker < 0
            ? throw LogsErrors.InvalidParameter($"{identifier} is not a log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME).")
            : identifier[(marker + ":log-group:".Length)..] is var rest && rest.EndsWith(":*", StringComparison.Ordinal) ? rest[..^2] : rest;
    }

    private static string GroupOfArn(string arn) =>
        arn.StartsWith("arn:", StringComparison.Ordinal) ? GroupName(arn) : throw LogsErrors.InvalidParameter($"Invalid resource ARN: {arn}");

    private string GroupArn(string name) => $"arn:aws:logs:{options.Region}:{options.AccountId}:log-group:{name}";

    private JsonObject Describe(LogGroup group) => new()
    {
        ["logGroupName"] = group.Name,
        ["creationTime"] = group.CreationTime,
        ["retentionInDays"] = group.RetentionInDays,
        ["metricFilterCount"] = 0,
        ["arn"] = GroupArn(group.Name) + ":*",
        ["storedBytes"] = store.StreamsOf(group.Name).Sum(s => store.Events(s).Summary.StoredBytes),
        ["logGroupClass"] = group.LogGroupClass,
        ["logGroupArn"] = GroupArn(group.Name),
    };

    private JsonObject Describe(LogStream stream)
    {
        var summary = store.Events(stream).Summary;
        return new JsonObject
        {
            ["logStreamName"] = stream.Name,
            ["creationTime"] = stream.CreationTime,
            ["firstEventTimestamp"] = summary.FirstEventTimestamp,
            ["lastEventTimestamp"] = summary.LastEventTimestamp,
            ["lastIngestionTime"] = summary.LastIngestionTime,
            ["arn"] = $"{GroupArn(stream.GroupName)}:log-stream:{stream.Name}",
            ["storedBytes"] = 0, // deprecated in the API reference: "always 0"
        };
    }

    private static SortedDictionary<string, string> Tags(JsonObject? tags)
    {
        var parsed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags ?? [])
        {
            parsed[key] = value!.GetValue<string>();
        }

        return parsed;
    }

    private static JsonObject TagsJson(SortedDictionary<string, string> tags) =>
        new([.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);
}
