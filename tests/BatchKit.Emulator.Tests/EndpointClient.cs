using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;

namespace BatchKit.Emulator.Tests;

/// <summary>Signed calls to an emulator endpoint that may be restarted (in-process or a child process) on the same data directory.</summary>
internal sealed class EndpointClient(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Endpoint => endpoint;

    public AmazonS3Client S3() => LocalAws.S3(endpoint);

    /// <summary>A JSON-protocol call; the status and the parsed body.</summary>
    public async Task<(int Status, JsonObject Body)> JsonAsync(string target, string service, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", target);
        await SignedRequests.SignAsync(request, service);
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>A JSON-protocol call that must succeed; its body.</summary>
    public async Task<JsonObject> OkAsync(string target, string service, JsonObject body)
    {
        var (status, response) = await JsonAsync(target, service, body);
        Assert.True(status == 200, $"{target} answered {status}: {response.ToJsonString()}");
        return response;
    }

    public async Task<JsonObject> HealthAsync() =>
        JsonNode.Parse(await _http.GetStringAsync(new Uri(endpoint, "/_batchkit/health")))!.AsObject();

    public Task<JsonObject> DescribeExecutionAsync(string arn) =>
        OkAsync("AWSStepFunctions.DescribeExecution", "states", new JsonObject { ["executionArn"] = arn });

    public Task<JsonObject> WaitForExecutionAsync(string arn, TimeSpan? deadline = null) => Eventually.ValueAsync(
        () => DescribeExecutionAsync(arn), d => d["status"]!.GetValue<string>() != "RUNNING", $"the execution {arn} ending", deadline, d => d.ToJsonString());

    public void Dispose() => _http.Dispose();
}
