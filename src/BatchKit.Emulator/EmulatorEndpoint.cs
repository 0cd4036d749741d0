namespace BatchKit.Emulator;

/// <summary>
/// The emulator's own address, known only once Kestrel has bound its port (port 0 picks one). Tasks and Lambda
/// environments are pointed back at it; services that need it take this object, set once by <see cref="EmulatorHost"/>.
/// </summary>
internal sealed class EmulatorEndpoint
{
    private Uri? _url;

    /// <summary>e.g. http://127.0.0.1:4566 — an IP literal, so AWSSDK.S3 in a task uses path-style addressing.</summary>
    public Uri Url => _url ?? throw new InvalidOperationException("The emulator's endpoint is read before the server has bound its port.");

    public void Bind(Uri url) => _url = url;

    /// <summary>
    /// What every task and Lambda environment finds, as on AWS: the endpoint (AWS_ENDPOINT_URL, honoured by every
    /// AWS SDK), the emulator's credentials as a session (the SDKs read all three) and the region.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    /// </summary>
    public Dictionary<string, string> WorkloadEnvironment(string region) => new(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Url.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_SESSION_TOKEN"] = "test",
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = region,
    };
}
