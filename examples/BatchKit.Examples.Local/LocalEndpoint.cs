using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using BatchKit.Aws;
using BatchKit.Emulator;

namespace BatchKit.Examples.Local;

/// <summary>
/// Where an example runs locally: the endpoint in <c>BATCHKIT_ENDPOINT</c> when set (a running `make up`), else BatchKit's
/// emulator started in-process on a free loopback port with its own data directory, stopped and removed on dispose.
/// Lambda functions run as real bootstrap processes and ECS tasks as real processes of the mapped commands.
/// </summary>
public sealed class LocalEndpoint : IAsyncDisposable
{
    public const string EndpointVariable = "BATCHKIT_ENDPOINT";
    private readonly EmulatorHost? _emulator;
    private readonly string? _dataDirectory;

    private LocalEndpoint(Uri url, EmulatorHost? emulator, string? dataDirectory)
    {
        Url = url;
        _emulator = emulator;
        _dataDirectory = dataDirectory;
    }

    public Uri Url { get; }

    /// <summary>The emulator this process started, or null when attached to a running endpoint.</summary>
    public EmulatorHost? Emulator => _emulator;

    public static BasicAWSCredentials Credentials { get; } = new("test", "test");

    public const string Region = "us-east-1";

    public const string AccountId = "000000000000";

    /// <summary>Attaches to <c>BATCHKIT_ENDPOINT</c> when <paramref name="mayAttach"/> and it is set, else starts an emulator.</summary>
    public static async Task<LocalEndpoint> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null, bool mayAttach = true)
    {
        if (mayAttach && Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } external)
        {
            return new LocalEndpoint(new Uri(external), null, null);
        }

        var data = Directory.CreateTempSubdirectory("batchkit-example-").FullName;
        var retryDelays = new[] { TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200) };
        var options = new EmulatorOptions { Port = 0, DataDirectory = data, LambdaAsyncRetryDelays = retryDelays };
        var emulator = await EmulatorHost.StartAsync((configure ?? (o => o))(options) with { Port = 0, DataDirectory = data }).ConfigureAwait(false);
        return new LocalEndpoint(emulator.ServiceUrl, emulator, data);
    }

    /// <summary>An endpoint someone else runs (a test's emulator fixture, `make up`); disposing it leaves it running.</summary>
    public static LocalEndpoint Attach(Uri url) => new(url, null, null);

    /// <summary>AWSSDK.S3 against the endpoint, path-style, no retries (a failure shows at once).</summary>
    public AmazonS3Client S3() => new(Credentials, new AmazonS3Config
    {
        ServiceURL = Url.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = Region,
        MaxErrorRetry = 0,
    });

    /// <summary>Options for BatchKit's thin clients (Step Functions, Lambda, ECS, EventBridge).</summary>
    public AwsClientOptions ClientOptions() => new() { Endpoint = Url, Region = Region, Credentials = Credentials };

    /// <summary>Every message the emulator's SES delivered to <paramref name="address"/>, oldest first (its local mailbox).</summary>
    public async Task<IReadOnlyList<JsonObject>> MailToAsync(string address, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Url, "/_batchkit/ses/messages"), cancellationToken).ConfigureAwait(false);
        var messages = JsonNode.Parse(text)?["messages"]?.AsArray() ?? [];
        return [.. messages.OfType<JsonObject>().Where(m => m["Destination"]?["ToAddresses"]?.AsArray().Any(a => a?.GetValue<string>() == address) == true)];
    }

    public static string Role(string name) => $"arn:aws:iam::{AccountId}:role/{name}";

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
