using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace BatchKit.Functions.Runtime;

/// <summary>
/// The Lambda Runtime API as a custom runtime speaks it: wait for the next event, answer it with a response or an
/// error document, or report that initialisation failed. The host and port come from <c>AWS_LAMBDA_RUNTIME_API</c>.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// </summary>
internal sealed class LambdaRuntimeClient(string runtimeApi) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"), Timeout = Timeout.InfiniteTimeSpan };

    public async Task<RuntimeInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("invocation/next", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException(
            "the Runtime API sent no Lambda-Runtime-Aws-Request-Id");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new RuntimeInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? "", payload);
    }

    public Task ResponseAsync(string requestId, byte[] payload, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{requestId}/response", payload, null, cancellationToken);

    public Task ErrorAsync(string requestId, string errorType, string errorMessage, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{requestId}/error", ErrorDocument(errorType, errorMessage), errorType, cancellationToken);

    public Task InitErrorAsync(string errorType, string errorMessage, CancellationToken cancellationToken) =>
        PostAsync("init/error", ErrorDocument(errorType, errorMessage), errorType, cancellationToken);

    private async Task PostAsync(string path, byte[] body, string? errorType, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static byte[] ErrorDocument(string errorType, string errorMessage) =>
        System.Text.Encoding.UTF8.GetBytes(
            new JsonObject { ["errorMessage"] = errorMessage, ["errorType"] = errorType, ["stackTrace"] = new JsonArray() }.ToJsonString());

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
