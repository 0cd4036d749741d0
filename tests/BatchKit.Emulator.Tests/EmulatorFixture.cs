using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;

namespace BatchKit.Emulator.Tests;

/// <summary>One emulator per test class, in-process on a free port, with its own data directory; stopped and removed after.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("batchkit-emulator-").FullName;

    public EmulatorHost Host { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public Task InitializeAsync() => InitializeAsync(new Dictionary<string, string[]>());

    /// <summary>Starts with ECS images mapped to local commands.</summary>
    public async Task InitializeAsync(IReadOnlyDictionary<string, string[]> ecsImages) =>
        Host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = DataDirectory, EcsImageCommands = ecsImages });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Http.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>The real AWS SDK for .NET, as the pipeline's code uses it, pointed at the emulator.</summary>
    public AmazonS3Client S3() => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
    {
        ServiceURL = Host.ServiceUrl.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });

    /// <summary>A JSON-protocol call with a well-formed (unverified) SigV4 header, as any SDK would send.</summary>
    public async Task<(int Status, JsonObject Body)> JsonAsync(string target, string service, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Host.ServiceUrl)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        request.Headers.Add("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
