using System.Net;
using System.Text;
using Amazon.Runtime;

namespace BatchKit.Aws.Tests;

/// <summary>Answers requests from a script and records what was sent (unit tests of the protocol logic).</summary>
internal sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] script) : HttpMessageHandler
{
    private int _next;

    public List<(string Target, string ContentType, string Authorization, string Body)> Requests { get; } = [];

    /// <summary>Client options that send through <paramref name="handler"/> to an endpoint nothing listens on.</summary>
    public static AwsClientOptions Options(HttpMessageHandler handler) => new()
    {
        Environment = new FakeEnvironment([]),
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("AKID", "secret"),
        Endpoint = new Uri("http://127.0.0.1:1/"),
        HttpClient = new HttpClient(handler),
        MaxAttempts = 4,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.Headers.GetValues("X-Amz-Target").Single(), request.Content!.Headers.ContentType!.MediaType!,
            request.Headers.GetValues("Authorization").Single(), await request.Content.ReadAsStringAsync(cancellationToken)));
        var (status, body) = script[Math.Min(_next++, script.Length - 1)];
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, request.Content.Headers.ContentType.MediaType) };
    }
}
