using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// Amazon EventBridge: event buses, rules with event patterns and schedules (on the emulator's clock), targets (Lambda,
/// SQS, Step Functions, another bus) with their input transformation, PutEvents routing, and connections (the
/// credentials http:invoke uses). One method per operation. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
/// </summary>
internal sealed partial class EventBridgeProvider : IJsonService, IDisposable
{
    private static readonly string[] AuthorizationTypes = ["API_KEY", "BASIC", "OAUTH_CLIENT_CREDENTIALS"];
    private readonly EventBridgeStore _store;
    private readonly EventTargets _targets;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly EventScheduler _scheduler;
    private readonly Dictionary<string, Func<JsonObject, JsonObject>> _operations;

    public EventBridgeProvider(EventBridgeStore store, EventTargets targets, EmulatorOptions options, TimeProvider time)
    {
        (_store, _targets, _options, _time) = (store, targets, options, time);
        store.Buses.TryAdd("default", Bus("default", null));
        _scheduler = new EventScheduler(store, time, FireSchedule);
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateConnection"] = CreateConnection, ["DescribeConnection"] = DescribeConnection, ["DeleteConnection"] = DeleteConnection,
            ["ListConnections"] = ListConnections,
            ["CreateEventBus"] = CreateEventBus, ["DescribeEventBus"] = DescribeEventBus, ["DeleteEventBus"] = DeleteEventBus,
                ["ListEventBuses"] = ListEventBuses,
            ["PutRule"] = PutRule, ["DescribeRule"] = DescribeRule, ["DeleteRule"] = DeleteRule, ["ListRules"] = ListRules,
            ["EnableRule"] = EnableRule, ["DisableRule"] = DisableRule, ["ListRuleNamesByTarget"] = ListRuleNamesByTarget,
            ["PutTargets"] = PutTargets, ["RemoveTargets"] = RemoveTargets, ["ListTargetsByRule"] = ListTargetsByRule,
            ["PutEvents"] = PutEvents, ["TestEventPattern"] = TestEventPattern,
        };
    }

    /// <summary>The entries of one PutEvents call may total 1 MB (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).</summary>
    public const int MaxEntriesBytes = 1024 * 1024;

    public string TargetPrefix => "AWSEvents";

    public string ContentType => "application/x-amz-json-1.1";

    public string SigningName => "events";

    public string ModelName => "events";

    public long MaxRequestBytes => 2 << 20;

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        Task.FromResult<JsonNode?>(_operations.TryGetValue(operation, out var run)
            ? run(request)
            : throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's EventBridge emulation."));

    public void Dispose() => _scheduler.Dispose();

    public JsonObject CreateConnection(JsonObject request)
    {
        var name = request["Name"]?.GetValue<string>() ?? throw EventBridgeErrors.Validation("Name is required");
        var type = request["AuthorizationType"]?.GetValue<string>() ?? throw EventBridgeErrors.Validation("AuthorizationType is required");
        if (!AuthorizationTypes.Contains(type))
        {
            throw EventBridgeErrors.Validation($"AuthorizationType must be one of {string.Join(", ", AuthorizationTypes)}");
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var connection = new JsonObject
        {
            ["ConnectionArn"] = $"arn:aws:events:{_options.Region}:{_options.AccountId}:connection/{name}/{Guid.NewGuid()}",
            ["Name"] = name,
            ["ConnectionState"] = "AUTHORIZED",
            ["AuthorizationType"] = type,
            ["AuthParameters"] = request["AuthParameters"]?.DeepClone(),
            ["CreationTime"] = now,
            ["LastModifiedTime"] = now,
        };
        if (!_store.Connections.TryAdd(name, connection))
        {
            throw EventBridgeErrors.ResourceAlreadyExists(name);
        }

        return new JsonObject { ["ConnectionArn"] = connection["ConnectionArn"]!.DeepClone(), ["ConnectionState"] = "AUTHORIZED", ["CreationTime"] = now,
            ["LastModifiedTime"] = now };
    }

    /// <summary>Secrets (API key values, passwords, client secrets) are never returned, as in AWS.</summary>
    public JsonObject DescribeConnection(JsonObject request)
    {
        var name = request["Name"]?.GetValue<string>() ?? throw EventBridgeErrors.Validation("Name is required");
        var connection = (JsonObject)(_store.Connections.GetValueOrDefault(name) ?? throw EventBridgeErrors.ResourceNotFound(name)).DeepClone();
        if (connection["AuthParameters"] is JsonObject auth)
        {
            (auth["ApiKeyAuthParameters"] as JsonObject)?.Remove("ApiKeyValue");
            (auth["BasicAuthParameters"] as JsonObject)?.Remove("Password");
            (auth["OAuthParameters"]?["ClientParameters"] as JsonObject)?.Remove("ClientSecret");
        }

        return connection;
    }

    public JsonObject DeleteConnection(JsonObject request)
    {
        var name = request["Name"]?.GetValue<string>() ?? throw EventBridgeErrors.Validation("Name is required");
        return _store.Connections.TryRemove(name, out var removed)
            ? new JsonObject { ["ConnectionArn"] = removed["ConnectionArn"]!.DeepClone(), ["ConnectionState"] = "DELETING" }
            : throw EventBridgeErrors.ResourceNotFound(name);
    }

    /// <summary>Connections in name order, optionally by name prefix and state.
    /// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListConnections.html</summary>
    public JsonObject ListConnections(JsonObject request)
    {
        var prefix = request["NamePrefix"]?.GetValue<string>() ?? "";
        var state = request["ConnectionState"]?.GetValue<string>();
        var connections = _store.Connections.Values
            .Where(c => c["Name"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal) && (state is null
                || c["ConnectionState"]!.GetValue<string>() == state))
            .OrderBy(c => c["Name"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(c => (JsonNode)new JsonObject
            {
                ["ConnectionArn"] = c["ConnectionArn"]!.DeepClone(), ["Name"] = c["Name"]!.DeepClone(), ["ConnectionState"] = c["ConnectionState"]!.DeepClone(),
                ["AuthorizationType"] = c["AuthorizationType"]!.DeepClone(), ["CreationTime"] = c["CreationTime"]!.DeepClone(),
                ["LastModifiedTime"] = c["LastModifiedTime"]!.DeepClone(),
            });
        return Page(request, "Connections", connections);
    }

    /// <summary>The stored connection (with its secrets) for http:invoke, by ARN.</summary>
    public JsonObject? FindByArn(string arn) => _store.Connections.Values.FirstOrDefault(c => c["ConnectionArn"]!.GetValue<string>() == arn);
}
