using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace BatchKit.Aws;

/// <summary>
/// The AWS JSON protocol for one service: <c>POST /</c> with <c>X-Amz-Target: Prefix.Operation</c>, a SigV4-signed
/// JSON body, errors read from <c>__type</c>; retries throttling, 5xx and transport failures with exponential backoff
/// and full jitter. https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
/// </summary>
internal sealed class AwsJsonClient : IDisposable
{
    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromSeconds(100) };

    private readonly AwsService _service;
    private readonly AwsClientOptions _options;
    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;

    public AwsJsonClient(AwsService service, AwsClientOptions options)
    {
        _service = service;
        _options = options;
        _http = options.HttpClient ?? SharedHttp;
        Region = options.Region ?? AwsEndpointResolver.ResolveRegion(options.Environment);
        Endpoint = options.Endpoint ?? AwsEndpointResolver.Resolve(service, Region, options.Environment);
        _credentials = options.Credentials ?? AwsCredentialChain.Resolve(options.Environment);
    }

    public string Region { get; }

    public Uri Endpoint { get; }

    public Task<JsonObject> SendAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        SendWithRetriesAsync(
            HttpMethod.Post, Endpoint, $"{_service.TargetPrefix}.{operation}", Encoding.UTF8.GetBytes(request.ToJsonString()), cancellationToken);

    /// <summary>
    /// The REST-JSON protocol (Lambda): the operation is the method and path, the body plain JSON, errors named by
    /// <c>x-amzn-ErrorType</c>. https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
    /// </summary>
    public Task<JsonObject> SendRestAsync(HttpMethod method, string pathAndQuery, JsonObject? request, CancellationToken cancellationToken) =>
        SendWithRetriesAsync(
            method, new Uri(Endpoint, pathAndQuery), null, request is null ? [] : Encoding.UTF8.GetBytes(request.ToJsonString()), cancellationToken);

    private async Task<JsonObject> SendWithRetriesAsync(HttpMethod method, Uri url, string? target, byte[] body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(method, url, target, body, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _options.MaxAttempts && AwsRetryPolicy.IsRetryable(e, cancellationToken))
            {
                await AwsRetryPolicy.DelayAsync(attempt, _options.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<JsonObject> SendOnceAsync(HttpMethod method, Uri url, string? target, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        var contentType = target is null ? "application/json" : $"application/x-amz-json-{_service.JsonVersion}";
        using var message = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (target is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        SigV4Signer.Sign(message, body, credentials, Region, _service.SigningName, _options.Time.GetUtcNow().UtcDateTime);
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        JsonObject? json = null;
        try
        {
            json = string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): reported below with the status.
        }

        if (response.IsSuccessStatusCode && json is not null)
        {
            return json;
        }

        var type = json?["__type"]?.GetValue<string>()
            ?? (response.Headers.TryGetValues("x-amzn-ErrorType", out var errorType) ? errorType.First() : null);
        var code = (type ?? $"Http{(int)response.StatusCode}").Split('#')[^1].Split(':')[0];
        var messageText = json?["message"]?.GetValue<string>() ?? json?["Message"]?.GetValue<string>() ?? (text.Length > 300 ? text[..300] : text);
        throw new AwsServiceException(code, messageText, response.StatusCode, requestId);
    }

    public void Dispose()
    {
        if (_options.HttpClient is null && !ReferenceEquals(_http, SharedHttp))
        {
            _http.Dispose();
        }
    }
}
