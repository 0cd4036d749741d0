using System.Text.Json.Nodes;

namespace BatchKit.Aws.Lambda;

/// <summary>
/// Lambda over REST-JSON, for what deploying BatchKit calls. Requests are the botocore shapes as JSON
/// (lambda/2015-03-31/service-2.json). https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
/// </summary>
public sealed class LambdaClient(AwsClientOptions? options = null) : IDisposable
{
    private const string Functions = "/2015-03-31/functions";
    private readonly AwsJsonClient _json = new(AwsService.Lambda, options ?? new AwsClientOptions());

    /// <summary>FunctionConfiguration, or null when there is no such function.</summary>
    public async Task<JsonObject?> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _json.SendRestAsync(HttpMethod.Get, $"{Functions}/{Uri.EscapeDataString(functionName)}/configuration", null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <summary>CreateFunctionRequest in; the function's ARN out.</summary>
    public async Task<string> CreateFunctionAsync(JsonObject request, CancellationToken cancellationToken = default) =>
        (await _json.SendRestAsync(HttpMethod.Post, Functions, request, cancellationToken).ConfigureAwait(false))["FunctionArn"]!.GetValue<string>();

    public Task<JsonObject> UpdateFunctionCodeAsync(string functionName, JsonObject code, CancellationToken cancellationToken = default) =>
        _json.SendRestAsync(HttpMethod.Put, $"{Functions}/{Uri.EscapeDataString(functionName)}/code", code, cancellationToken);

    public Task<JsonObject> UpdateFunctionConfigurationAsync(string functionName, JsonObject configuration, CancellationToken cancellationToken = default) =>
        _json.SendRestAsync(HttpMethod.Put, $"{Functions}/{Uri.EscapeDataString(functionName)}/configuration", configuration, cancellationToken);

    /// <summary>https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html</summary>
    public Task DeleteFunctionAsync(string functionName, CancellationToken cancellationToken = default) =>
        _json.SendRestAsync(HttpMethod.Delete, $"{Functions}/{Uri.EscapeDataString(functionName)}", null, cancellationToken);

    /// <summary>Lets a service (S3) invoke the function; a statement id already present is fine (deploys repeat).</summary>
    public async Task AddPermissionAsync(
        string functionName, string statementId, string principal, string sourceArn, CancellationToken cancellationToken = default)
    {
        try
        {
            await _json.SendRestAsync(HttpMethod.Post, $"{Functions}/{Uri.EscapeDataString(functionName)}/policy", new JsonObject
            {
                ["StatementId"] = statementId, ["Action"] = "lambda:InvokeFunction", ["Principal"] = principal, ["SourceArn"] = sourceArn,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ResourceConflictException")
        {
        }
    }

    public void Dispose() => _json.Dispose();
}
