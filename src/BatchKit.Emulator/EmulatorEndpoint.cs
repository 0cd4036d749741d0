namespace BatchKit.Emulator;

/// <summary>
/// The emulator's own address, known only once Kestrel has bound its port (port 0 picks one). Tasks and Lambda
/// environments are pointed back at it, signing with the emulator's secret; services that need it take this object, set once by <see cref="EmulatorHost"/>.
/// </summary>
internal sealed class EmulatorEndpoint(string secretKey)
{
    private Uri? _url;

    /// <summary>e.g. http://127.0.0.1:4566 — an IP literal, so AWSSDK.S3 in a task uses path-style addressing.</summary>
    public Uri Url => _url ?? throw new InvalidOperationException("The emulator's endpoint is read before the server has bound its port.");

    public void Bind(Uri url) => _url = url;

    /// <summary>
    /// What every task and Lambda environment finds, as on AWS: the endpoint (AWS_ENDPOINT_URL, honoured by every
    /// AWS SDK), the emulator's credentials as a session (the SDKs read all three) and the region; host-prefix
    /// injection off, so a task's SDK calls TestState and StartSyncExecution on the endpoint itself instead of a
    /// <c>sync-</c> name nothing resolves.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    /// </summary>
    public Dictionary<string, string> WorkloadEnvironment(string region) => new(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Url.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = secretKey,
        ["AWS_SESSION_TOKEN"] = "test",
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = region,
        ["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true",
    };
}
