using System.Text.Json.Nodes;

namespace BatchKit.Aws.EventBridge;

/// <summary>
/// EventBridge connections, which hold the credentials Step Functions' HTTP task sends (the Slack webhook needs none,
/// but AWS requires a connection: an API-key header nobody checks is the usual choice).
/// https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
/// </summary>
public sealed class EventBridgeClient(AwsClientOptions? options = null) : IDisposable
{
    private readonly AwsJsonClient _json = new(AwsService.EventBridge, options ?? new AwsClientOptions());

    /// <summary>The connection's ARN, creating it with an API-key authorization when it does not exist.</summary>
    public async Task<string> EnsureApiKeyConnectionAsync(string name, string apiKeyName, string apiKeyValue, CancellationToken cancellationToken = default)
    {
        try
        {
            var existing = await _json.SendAsync("DescribeConnection", new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
            return existing["ConnectionArn"]!.GetValue<string>();
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            var created = await _json.SendAsync("CreateConnection", new JsonObject
            {
                ["Name"] = name,
                ["AuthorizationType"] = "API_KEY",
                ["AuthParameters"] = new JsonObject
                {
                    ["ApiKeyAuthParameters"] = new JsonObject { ["ApiKeyName"] = apiKeyName, ["ApiKeyValue"] = apiKeyValue },
                },
            }, cancellationToken).ConfigureAwait(false);
            return created["ConnectionArn"]!.GetValue<string>();
        }
    }

    /// <summary>
    /// CreateConnection with the authorization exactly as given (the botocore shape of AuthParameters); the ARN out.
    /// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateConnection.html
    /// </summary>
    public async Task<string> CreateConnectionAsync(
        string name, string authorizationType, JsonObject authParameters, string? description = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["Name"] = name, ["AuthorizationType"] = authorizationType, ["AuthParameters"] = authParameters.DeepClone() };
        if (description is not null)
        {
            request["Description"] = description;
        }

        return (await _json.SendAsync("CreateConnection", request, cancellationToken).ConfigureAwait(false))["ConnectionArn"]!.GetValue<string>();
    }

    /// <summary>The connection (without its secrets, as AWS answers), or null when there is none of that name.</summary>
    public async Task<JsonObject?> DescribeConnectionAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _json.SendAsync("DescribeConnection", new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <summary>https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteConnection.html</summary>
    public Task DeleteConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DeleteConnection", new JsonObject { ["Name"] = name }, cancellationToken);

    /// <summary>
    /// The custom bus's ARN, creating it when it does not exist.
    /// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html
    /// </summary>
    public async Task<string> EnsureEventBusAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var created = await _json.SendAsync("CreateEventBus", new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
            return created["EventBusArn"]!.GetValue<string>();
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceAlreadyExistsException")
        {
            var described = await _json.SendAsync("DescribeEventBus", new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
            return described["Arn"]!.GetValue<string>();
        }
    }

    /// <summary>
    /// Creates or updates a rule (PutRule is an upsert) with a schedule expression or an event pattern; its ARN out.
    /// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
    /// </summary>
    public async Task<string> PutRuleAsync(string name, string? eventBusName, string? scheduleExpression, string? eventPattern,
        CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["Name"] = name, ["State"] = "ENABLED" };
        (request["EventBusName"], request["ScheduleExpression"], request["EventPattern"]) = (eventBusName, scheduleExpression, eventPattern);
        foreach (var unset in request.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            request.Remove(unset);
        }

        return (await _json.SendAsync("PutRule", request, cancellationToken).ConfigureAwait(false))["RuleArn"]!.GetValue<string>();
    }

    /// <summary>
    /// Adds or replaces the rule's targets (each a botocore Target shape: Id, Arn, Input/InputTransformer, RoleArn...).
    /// A target the service refused is an error naming it, not a silent partial success.
    /// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html
    /// </summary>
    public async Task PutTargetsAsync(string rule, string? eventBusName, IReadOnlyList<JsonObject> targets, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["Rule"] = rule, ["Targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t.DeepClone())]) };
        if (eventBusName is not null)
        {
            request["EventBusName"] = eventBusName;
        }

        var response = await _json.SendAsync("PutTargets", request, cancellationToken).ConfigureAwait(false);
        if (response["FailedEntryCount"]?.GetValue<int>() is > 0)
        {
            throw new InvalidOperationException($"PutTargets on rule {rule} refused targets: {response["FailedEntries"]?.ToJsonString()}");
        }
    }

    public void Dispose() => _json.Dispose();
}
