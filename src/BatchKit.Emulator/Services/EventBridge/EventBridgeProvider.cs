using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// Amazon EventBridge: connections (the credentials http:invoke uses) and PutEvents, recorded. One method per operation.
/// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
/// </summary>
internal sealed class EventBridgeProvider(EventBridgeStore store, EmulatorOptions options, TimeProvider time) : IJsonService
{
    private static readonly string[] AuthorizationTypes = ["API_KEY", "BASIC", "OAUTH_CLIENT_CREDENTIALS"];

    /// <summary>The entries of one PutEvents call may total 1 MB (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).</summary>
    public const int MaxEntriesBytes = 1024 * 1024;

    private Dictionary<string, Func<JsonObject, JsonObject>>? _handlers;

    public string TargetPrefix => "AWSEvents";

    public string ContentType => "application/x-amz-json-1.1";

    public string SigningName => "events";

    public string ModelName => "events";

    public long MaxRequestBytes => 2 << 20;

    public IReadOnlyCollection<string> Operations => Handlers.Keys;

    private Dictionary<string, Func<JsonObject, JsonObject>> Handlers => _handlers ??= new(StringComparer.Ordinal)
    {
        ["CreateConnection"] = CreateConnection,
        ["DescribeConnection"] = DescribeConnection,
        ["DeleteConnection"] = DeleteConnection,
        ["PutEvents"] = PutEvents,
    };

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        Handlers.TryGetValue(operation, out var handler)
            ? Task.FromResult<JsonNode?>(handler(request))
            : throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's EventBridge emulation.");

    public JsonObject CreateConnection(JsonObject request)
    {
        var name = request["Name"]?.GetValue<string>() ?? throw EventBridgeErrors.Validation("Name is required");
        var type = request["AuthorizationType"]?.GetValue<string>() ?? throw EventBridgeErrors.Validation("AuthorizationType is required");
        if (!AuthorizationTypes.Contains(type))
        {
            throw EventBridgeErrors.Validation($"AuthorizationType must be one of {string.Join(", ", AuthorizationTypes)}");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var connection = new JsonObject
        {
            ["ConnectionArn"] = $"arn:aws:events:{options.Region}:{options.AccountId}:connection/{name}/{Guid.NewGuid()}",
            ["Name"] = name,
            ["ConnectionState"] = "AUTHORIZED",
            ["AuthorizationType"] = type,
            ["AuthParameters"] = request["AuthParameters"]?.DeepClone(),
            ["CreationTime"] = now,
            ["LastModifiedTime"] = now,
        };
        if (!store.Connections.TryAdd(name, connection))
        {
            throw EventBridgeErrors.ResourceAlreadyExists(name);
        }

        return new JsonObject { ["ConnectionArn"] = connection["ConnectionArn"]!.DeepClone(), ["ConnectionState"] = "AUTHORIZED", ["CreationTime"] = now, ["LastModifiedTime"] = now };
    }

    /// <summary>Secrets (API key values, passwords, client secrets) are never returned, as in AWS.</summary>
    public JsonObject DescribeConnection(JsonObject request)
    {
        var name = request["Name"]?.GetValue<string>() ?? throw EventBridgeErrors.Validation("Name is required");
        var connection = (JsonObject)(store.Connections.GetValueOrDefault(name) ?? throw EventBridgeErrors.ResourceNotFound(name)).DeepClone();
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
        return store.Connections.TryRemove(name, out var removed)
            ? new JsonObject { ["ConnectionArn"] = removed["ConnectionArn"]!.DeepClone(), ["ConnectionState"] = "DELETING" }
            : throw EventBridgeErrors.ResourceNotFound(name);
    }

    /// <summary>
    /// Records each entry; as EventBridge does, an entry without Source, DetailType or Detail, or whose Detail is not a
    /// JSON object, fails on its own (ErrorCode in its result, counted in FailedEntryCount) and the others go through.
    /// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
    /// </summary>
    public JsonObject PutEvents(JsonObject request)
    {
        var entries = request["Entries"]!.AsArray();
        if (System.Text.Encoding.UTF8.GetByteCount(entries.ToJsonString()) > MaxEntriesBytes)
        {
            throw EventBridgeErrors.Validation($"Total size of the entries in the request is over the limit of {MaxEntriesBytes} bytes.");
        }

        var results = new JsonArray();
        var failed = 0;
        foreach (var entry in entries.Select(e => e!.AsObject()))
        {
            if (EntryProblem(entry) is { } problem)
            {
                failed++;
                results.Add(new JsonObject { ["ErrorCode"] = problem.Code, ["ErrorMessage"] = problem.Message });
                continue;
            }

            var id = Guid.NewGuid().ToString();
            var recorded = (JsonObject)entry.DeepClone();
            recorded["EventId"] = id;
            store.Events.Enqueue(recorded);
            results.Add(new JsonObject { ["EventId"] = id });
        }

        return new JsonObject { ["FailedEntryCount"] = failed, ["Entries"] = results };
    }

    private static (string Code, string Message)? EntryProblem(JsonObject entry)
    {
        var missing = new[] { "Source", "DetailType", "Detail" }.FirstOrDefault(f => string.IsNullOrEmpty(entry[f]?.GetValue<string>()));
        if (missing is not null)
        {
            return ("InvalidArgument", $"Parameter {missing} is not valid. Reason: {missing} is a required argument.");
        }

        try
        {
            return JsonNode.Parse(entry["Detail"]!.GetValue<string>()) is JsonObject ? null : ("MalformedDetail", "Detail is malformed: it must be a JSON object.");
        }
        catch (System.Text.Json.JsonException)
        {
            return ("MalformedDetail", "Detail is malformed.");
        }
    }

    /// <summary>The stored connection (with its secrets) for http:invoke, by ARN.</summary>
    public JsonObject? FindByArn(string arn) => store.Connections.Values.FirstOrDefault(c => c["ConnectionArn"]!.GetValue<string>() == arn);
}
