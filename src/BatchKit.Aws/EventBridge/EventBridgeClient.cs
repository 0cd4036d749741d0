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

    public void Dispose() => _json.Dispose();
}
