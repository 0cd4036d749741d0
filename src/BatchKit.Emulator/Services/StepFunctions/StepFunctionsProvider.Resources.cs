using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Activities (their records, and workers taking their tasks with GetActivityTask), tags on state machines and
/// activities, and DescribeStateMachineForExecution.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html
/// </summary>
internal sealed partial class StepFunctionsProvider
{
    /// <summary>AWS's limit of tags on one resource.</summary>
    private const int MaxTags = 50;

    /// <summary>GetActivityTask holds the connection open up to 60 seconds.</summary>
    private static readonly TimeSpan ActivityPollTimeout = TimeSpan.FromSeconds(60);

    public JsonObject CreateActivity(JsonObject request)
    {
        var name = ValidName(Required(request, "name"));
        var arn = $"arn:aws:states:{options.Region}:{options.AccountId}:activity:{name}";
        var record = store.Activities.GetOrAdd(arn, _ => new ActivityRecord(arn, name, time.GetUtcNow()));
        AddTags(arn, request["tags"] as JsonArray);
        return new JsonObject { ["activityArn"] = arn, ["creationDate"] = Epoch(record.CreationDate) };
    }

    public JsonObject DescribeActivity(JsonObject request)
    {
        var activity = Activity(Required(request, "activityArn"));
        return new JsonObject { ["activityArn"] = activity.Arn, ["name"] = activity.Name, ["creationDate"] = Epoch(activity.CreationDate) };
    }

    public JsonObject ListActivities(JsonObject request) => Page(
        request,
        store.Activities.Values.OrderBy(a => a.Name, StringComparer.Ordinal),
        a => new JsonObject { ["activityArn"] = a.Arn, ["name"] = a.Name, ["creationDate"] = Epoch(a.CreationDate) },
        "activities");

    public JsonObject DeleteActivity(JsonObject request)
    {
        var arn = Required(request, "activityArn");
        store.Activities.TryRemove(arn, out _);
        store.Tags.TryRemove(arn, out _);
        return [];
    }

    /// <summary>
    /// A worker's long poll: the next task of the activity, or an empty answer (no taskToken) after 60 seconds or when
    /// the caller goes away. https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
    /// </summary>
    public async Task<JsonNode?> GetActivityTaskAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var activity = Activity(Required(request, "activityArn"));
        var worker = request["workerName"]?.GetValue<string>();
        if (worker is { Length: 0 or > 80 })
        {
            throw StepFunctionsErrors.Validation(
                "1 validation error detected: Value at 'workerName' failed to satisfy constraint: Member must have length between 1 and 80");
        }

        using var poll = new CancellationTokenSource(ActivityPollTimeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, cancellationToken);
        var task = await engine.Activities.PollAsync(activity.Arn, worker, wait.Token).ConfigureAwait(false);
        return task is null ? new JsonObject() : new JsonObject { ["taskToken"] = task.TaskToken, ["input"] = task.Input };
    }

    public JsonObject TagResource(JsonObject request)
    {
        var arn = TaggableArn(Required(request, "resourceArn"));
        AddTags(arn, request["tags"] as JsonArray ?? throw StepFunctionsErrors.Validation("1 validation error detected: Value null at 'tags'"));
        return [];
    }

    public JsonObject UntagResource(JsonObject request)
    {
        var arn = TaggableArn(Required(request, "resourceArn"));
        var keys = (request["tagKeys"] as JsonArray ?? []).Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        if (store.Tags.TryGetValue(arn, out var tags))
        {
            lock (tags)
            {
                tags.RemoveAll(t => keys.Contains(t.Key));
            }
        }

        return [];
    }

    public JsonObject ListTagsForResource(JsonObject request)
    {
        var arn = TaggableArn(Required(request, "resourceArn"));
        var tags = store.Tags.GetValueOrDefault(arn) ?? [];
        lock (tags)
        {
            return new JsonObject
            {
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray()),
            };
        }
    }

    /// <summary>
    /// The definition an execution runs (its version's, when started through a version or an alias).
    /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineForExecution.html
    /// </summary>
    public JsonObject DescribeStateMachineForExecution(JsonObject request)
    {
        var record = ExecutionOf(Required(request, "executionArn"));
        var machine = Machine(record.StateMachineArn);
        var version = record.VersionArn is { } arn ? store.Versions.GetValueOrDefault(arn) : null;
        return new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = machine.Name,
            ["definition"] = version?.Definition ?? machine.Definition,
            ["roleArn"] = version?.RoleArn ?? machine.RoleArn,
            ["updateDate"] = Epoch(version?.CreationDate ?? machine.CreationDate),
        };
    }

    /// <summary>Adds or replaces tags by key; more than 50 on one resource is TooManyTags, as AWS answers.</summary>
    private void AddTags(string arn, JsonArray? given)
    {
        var tags = store.Tags.GetOrAdd(arn, _ => []);
        lock (tags)
        {
            foreach (var tag in given ?? [])
            {
                var key = tag?["key"]?.GetValue<string>() ?? throw StepFunctionsErrors.Validation("A tag needs a key");
                tags.RemoveAll(t => t.Key == key);
                tags.Add(KeyValuePair.Create(key, tag["value"]?.GetValue<string>() ?? ""));
            }

            if (tags.Count > MaxTags)
            {
                throw new Protocol.ServiceErrorException("TooManyTags", $"Too many tags on '{arn}': at most {MaxTags}");
            }
        }
    }

    /// <summary>A state machine or an activity that exists, else ResourceNotFound.</summary>
    private string TaggableArn(string arn) =>
        store.StateMachines.ContainsKey(arn) || store.Activities.ContainsKey(arn) ? arn : throw StepFunctionsErrors.ResourceNotFound(arn);

    private ActivityRecord Activity(string arn) =>
        !arn.StartsWith("arn:", StringComparison.Ordinal) ? throw StepFunctionsErrors.InvalidArn(arn)
        : store.Activities.GetValueOrDefault(arn) ?? throw new Protocol.ServiceErrorException("ActivityDoesNotExist", $"Activity Does Not Exist: '{arn}'");
}
