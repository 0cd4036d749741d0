using System.Text.Json.Nodes;

namespace BatchKit.Aws.Logs;

/// <summary>
/// CloudWatch Logs: reading a log group as <c>aws logs tail</c> does (FilterLogEvents one page at a time), and the
/// log groups a template declares (create, retention, delete).
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
/// </summary>
public sealed class LogsClient(AwsClientOptions? options = null) : IDisposable
{
    private readonly AwsJsonClient _json = new(AwsService.Logs, options ?? new AwsClientOptions());

    /// <summary>One page of the group's events from <paramref name="startTime"/> (ms since the epoch), matching the pattern.</summary>
    public async Task<FilterLogEventsPage> FilterLogEventsAsync(
        string logGroupIdentifier, long? startTime, string? filterPattern, string? nextToken, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["logGroupIdentifier"] = logGroupIdentifier, ["interleaved"] = true };
        if (startTime is { } start)
        {
            request["startTime"] = start;
        }

        if (filterPattern is not null)
        {
            request["filterPattern"] = filterPattern;
        }

        if (nextToken is not null)
        {
            request["nextToken"] = nextToken;
        }

        var response = await _json.SendAsync("FilterLogEvents", request, cancellationToken).ConfigureAwait(false);
        var events = (response["events"] as JsonArray ?? []).Select(e => new FilteredLogEvent(
            e!["logStreamName"]!.GetValue<string>(),
            e["timestamp"]!.GetValue<long>(),
            e["message"]?.GetValue<string>() ?? "",
            e["eventId"]!.GetValue<string>())).ToList();
        return new FilterLogEventsPage(events, response["nextToken"]?.GetValue<string>());
    }

    /// <summary>CreateLogGroup; false when a group of that name already exists.</summary>
    public async Task<bool> CreateLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default)
    {
        try
        {
            await _json.SendAsync("CreateLogGroup", new JsonObject { ["logGroupName"] = logGroupName }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceAlreadyExistsException")
        {
            return false;
        }
    }

    /// <summary>PutRetentionPolicy with a number of days, or DeleteRetentionPolicy (never expire) for null.</summary>
    public Task SetRetentionAsync(string logGroupName, int? retentionInDays, CancellationToken cancellationToken = default) =>
        retentionInDays is { } days
            ? _json.SendAsync("PutRetentionPolicy", new JsonObject { ["logGroupName"] = logGroupName, ["retentionInDays"] = days }, cancellationToken)
            : _json.SendAsync("DeleteRetentionPolicy", new JsonObject { ["logGroupName"] = logGroupName }, cancellationToken);

    /// <summary>The group's retention in days (null: never expire), or false in Exists when there is no such group.</summary>
    public async Task<(bool Exists, int? RetentionInDays)> DescribeLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["logGroupNamePrefix"] = logGroupName };
        var response = await _json.SendAsync("DescribeLogGroups", request, cancellationToken).ConfigureAwait(false);
        var group = (response["logGroups"] as JsonArray ?? []).FirstOrDefault(g => g?["logGroupName"]?.GetValue<string>() == logGroupName);
        return (group is not null, group?["retentionInDays"]?.GetValue<int>());
    }

    /// <summary>DeleteLogGroup; false when there was no such group.</summary>
    public async Task<bool> DeleteLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default)
    {
        try
        {
            await _json.SendAsync("DeleteLogGroup", new JsonObject { ["logGroupName"] = logGroupName }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            return false;
        }
    }

    public void Dispose() => _json.Dispose();
}
