namespace BatchKit.Aws;

/// <summary>
/// Where a service lives, the way the AWS SDKs decide it: <c>AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt;</c> (service id upper-cased,
/// spaces as underscores), then <c>AWS_ENDPOINT_URL</c>, then the public regional endpoint. Production code learns
/// about an emulator only through these variables.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
/// </summary>
public static class AwsEndpointResolver
{
    public static Uri Resolve(AwsService service, string region, IEnvironmentVariables environment) =>
        Configured(service, environment) ?? new Uri($"https://{service.EndpointPrefix}.{region}.amazonaws.com/");

    /// <summary>The endpoint the environment sets for the service, or null when it runs against AWS itself.</summary>
    public static Uri? Configured(AwsService service, IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(environment);
        var specific = environment.Get("AWS_ENDPOINT_URL_" + service.ServiceId.ToUpperInvariant().Replace(' ', '_'));
        var general = environment.Get("AWS_ENDPOINT_URL");
        var configured = !string.IsNullOrWhiteSpace(specific) ? specific : general;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new AwsConfigurationException($"The endpoint '{configured}' (from AWS_ENDPOINT_URL*) is not an http(s) URL.");
    }

    /// <summary>AWS_REGION, then AWS_DEFAULT_REGION, then the SDK's own chain (profile, instance metadata).</summary>
    public static string ResolveRegion(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var region = environment.Get("AWS_REGION") ?? environment.Get("AWS_DEFAULT_REGION");
        if (!string.IsNullOrWhiteSpace(region))
        {
            return region.Trim();
        }

        return Amazon.Runtime.FallbackRegionFactory.GetRegionEndpoint()?.SystemName
            ?? throw new AwsConfigurationException("No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION).");
    }
}
