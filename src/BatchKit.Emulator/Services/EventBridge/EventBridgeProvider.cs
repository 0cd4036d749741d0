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

    public string TargetPrefix => "AWSEvents";

    public string ContentType => "application/x-amz-json-1.1";

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) => Task.FromResult<JsonNode?>(operation switch
    {
        "CreateConnection" => CreateConnection(request),
        "DescribeConnection" => DescribeConnection(request),
        "DeleteConnection" => DeleteConnection(request),
        "PutEvents" => PutEvents(request),
        _ => throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's EventBridge emulation."),
    });

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

    public JsonObject PutEvents(JsonObject request)
    {
        var entries = request["Entries"] as JsonArray ?? throw EventBridgeErrors.Validation("Entries is required");
        var results = new JsonArray();
        foreach (var entry in entries)
        {
            var id = Guid.NewGuid().ToString();
            var recorded = (JsonObject)entry!.DeepClone();
            recorded["EventId"] = id;
            store.Events.Enqueue(recorded);
            results.Add((JsonNode)new JsonObject { ["EventId"] = id });
        }

        return new JsonObject { ["FailedEntryCount"] = 0, ["Entries"] = results };
    }

    /// <summary>The stored connection (with its secrets) for http:invoke, by ARN.</summary>
    public JsonObject? FindByArn(string arn) => store.Connections.Values.FirstOrDefault(c => c["ConnectionArn"]!.GetValue<string>() == arn);
}
