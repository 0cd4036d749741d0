using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;

namespace BatchKit.Aws.S3;

/// <summary>
/// S3's REST-XML protocol for object reads, SigV4-signed like every thin client here. With an endpoint from the
/// environment (AWS_ENDPOINT_URL[_S3], an emulator) buckets are addressed path-style, on AWS virtual-hosted-style;
/// errors are read from S3's XML error body. Throttling, 5xx and transport failures before the body arrives are
/// retried as in <see cref="AwsRetryPolicy"/>.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAPI.html
/// </summary>
public sealed class S3Client : IS3Client
{
    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>SHA-256 of an empty payload: S3 requires x-amz-content-sha256 on every SigV4 request.</summary>
    private const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly AwsClientOptions _options;
    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;
    private readonly string _region;
    private readonly Uri? _endpoint;

    public S3Client(AwsClientOptions? options = null)
    {
        _options = options ?? new AwsClientOptions();
        _http = _options.HttpClient ?? SharedHttp;
        _region = _options.Region ?? AwsEndpointResolver.ResolveRegion(_options.Environment);
        _endpoint = _options.Endpoint ?? AwsEndpointResolver.Configured(AwsService.S3, _options.Environment);
        _credentials = _options.Credentials ?? AwsCredentialChain.Resolve(_options.Environment);
    }

    public async Task<GetObjectResponse> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var url = ObjectUrl(bucket, key);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GetOnceAsync(url, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _options.MaxAttempts && AwsRetryPolicy.IsRetryable(e, cancellationToken))
            {
                await AwsRetryPolicy.DelayAsync(attempt, _options.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Path-style under a configured endpoint; virtual-hosted on AWS for DNS-compatible names (no dots, as TLS needs).
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
    /// </summary>
    private Uri ObjectUrl(string bucket, string key)
    {
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        if (_endpoint is not null)
        {
            return new Uri($"{_endpoint.GetLeftPart(UriPartial.Authority)}/{Uri.EscapeDataString(bucket)}/{path}");
        }

        return bucket.Contains('.', StringComparison.Ordinal)
            ? new Uri($"https://s3.{_region}.amazonaws.com/{Uri.EscapeDataString(bucket)}/{path}")
            : new Uri($"https://{bucket}.s3.{_region}.amazonaws.com/{path}");
    }

    private async Task<GetObjectResponse> GetOnceAsync(Uri url, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-amz-content-sha256"] = EmptyPayloadHash };
        SigV4Signer.Sign("GET", url, headers, [], credentials, _region, AwsService.S3.SigningName, _options.Time.GetUtcNow().UtcDateTime);
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers.Where(h => h.Key != "Host"))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new GetObjectResponse(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }

        using (response)
        {
            throw Error(response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>S3's error body: &lt;Error&gt;&lt;Code&gt;NoSuchKey&lt;/Code&gt;&lt;Message&gt;...; a bodiless one is named by its status.</summary>
    private static AwsServiceException Error(HttpResponseMessage response, string text)
    {
        XElement? error = null;
        try
        {
            error = text.Length == 0 ? null : XDocument.Parse(text).Root;
        }
        catch (System.Xml.XmlException)
        {
            // Not XML (a proxy's page): named by the status below.
        }

        var code = error?.Element("Code")?.Value ?? (response.StatusCode == HttpStatusCode.NotFound ? "NotFound" : $"Http{(int)response.StatusCode}");
        var message = error?.Element("Message")?.Value ?? (text.Length > 300 ? text[..300] : text);
        var requestId = error?.Element("RequestId")?.Value ?? (response.Headers.TryGetValues("x-amz-request-id", out var ids) ? ids.FirstOrDefault() : null);
        return new AwsServiceException(code, message, response.StatusCode, requestId);
    }
}
