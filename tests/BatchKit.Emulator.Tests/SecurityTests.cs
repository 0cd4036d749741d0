using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Safe by default on a developer's machine (issue 12 item 4): loopback Host names only, no cross-site browser
/// requests, SigV4 verified against the configured secret (header, presigned and aws-chunked), with AWS's errors.
/// </summary>
public sealed class SecurityTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly string _bucket = "sec-" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("192.168.1.10")]
    [InlineData("localhost.evil.example.com")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task A_Host_that_is_not_loopback_gets_421_on_every_protocol(string host)
    {
        foreach (var (path, target) in new[] { ("/_batchkit/health", (string?)null), ("/", "AmazonSSM.GetParameter"), ("/some-bucket/key", null) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Host.ServiceUrl, path));
            request.Headers.Host = host;
            if (target is not null)
            {
                request.Headers.Add("X-Amz-Target", target);
            }

            using var response = await emulator.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
            Assert.Contains("MisdirectedRequest", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.2")]
    [InlineData("[::1]")]
    [InlineData("my-bucket.localhost")]
    [InlineData("sync-localhost")]
    [InlineData("sync-127.0.0.1")]
    public async Task Loopback_names_are_served(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Host.ServiceUrl, "/_batchkit/health"));
        request.Headers.Host = $"{host}:{emulator.Host.ServiceUrl.Port}";
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_page_cannot_delete_objects_even_with_a_valid_presigned_URL()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "keep.json", ContentBody = "{}" });
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket, Key = "keep.json", Verb = HttpVerb.DELETE, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Amazon.S3.Protocol.HTTP,
        });

        foreach (var mark in new Action<HttpRequestMessage>[] { r => r.Headers.Add("Origin", "https://evil.example"), r => r.Headers.Add("Sec-Fetch-Site", "cross-site"), r => r.Headers.Add("Origin", "null") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, url);
            mark(request);
            using var response = await emulator.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("<Code>AccessForbidden</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await s3.GetObjectMetadataAsync(_bucket, "keep.json")).ContentLength);

        using var local = new HttpRequestMessage(HttpMethod.Delete, url);
        local.Headers.Add("Origin", "http://localhost:3000"); // a page served from this machine is not cross-site
        using var deleted = await emulator.Http.SendAsync(local);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_call_to_a_JSON_service_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl)
        {
            Content = new StringContent("""{"Name":"/x"}""", Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "AmazonSSM.GetParameter");
        request.Headers.Add("Origin", "https://evil.example");
        await SignedRequests.SignAsync(request, "ssm");
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AccessDeniedException", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_S3_the_JSON_services_and_the_CLI_with_AWS_codes()
    {
        using var wrong = new AmazonS3Client(new BasicAWSCredentials("test", "not-the-secret"), new AmazonS3Config
        {
            ServiceURL = emulator.Host.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
        });
        var s3 = await Assert.ThrowsAsync<AmazonS3Exception>(() => wrong.ListBucketsAsync());
        Assert.Equal(("SignatureDoesNotMatch", HttpStatusCode.Forbidden), (s3.ErrorCode, s3.StatusCode));

        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl) { Content = new StringContent("""{"Name":"/x"}""", Encoding.UTF8, "application/x-amz-json-1.1") };
        request.Headers.Add("X-Amz-Target", "AmazonSSM.GetParameter");
        await SignedRequests.SignAsync(request, "ssm", secret: "not-the-secret");
        using var response = await emulator.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((403, "InvalidSignatureException"), ((int)response.StatusCode, body["__type"]!.GetValue<string>()));
        Assert.Contains("The Canonical String for this request should have been", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, ["ssm", "get-parameter", "--name", "/x"], secret: "not-the-secret");
        Assert.NotEqual(0, exit);
        Assert.Contains("InvalidSignatureException", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_access_key_id_works_with_the_right_secret()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("AKIAANYTHINGATALL", "test"), new AmazonS3Config
        {
            ServiceURL = emulator.Host.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0,
        });
        await s3.PutBucketAsync(_bucket);
        Assert.Contains(_bucket, (await s3.ListBucketsAsync()).Buckets.Select(b => b.BucketName));
    }

    [Fact]
    public async Task A_request_signed_20_minutes_ago_is_too_skewed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        await SignedRequests.SignAsync(request, "states", at: DateTime.UtcNow.AddMinutes(-20));
        using var response = await emulator.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((403, "InvalidSignatureException"), ((int)response.StatusCode, body["__type"]!.GetValue<string>()));
        Assert.StartsWith("Signature expired: ", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(" - 15 min.)", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using var skewed = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Host.ServiceUrl, "/"));
        await SignedRequests.SignAsync(skewed, "s3", at: DateTime.UtcNow.AddMinutes(20));
        using var s3 = await emulator.Http.SendAsync(skewed);
        Assert.Equal(HttpStatusCode.Forbidden, s3.StatusCode);
        Assert.Contains("<Code>RequestTimeTooSkewed</Code>", await s3.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presigned_URL_is_refused_after_its_expiry_and_when_tampered_with()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "report.json", ContentBody = "{}" });
        // The tampered URL gets an hour: with the one-second URL, a loaded machine could let it expire before the request,
        // and the answer was then AccessDenied (expired) instead of the SignatureDoesNotMatch this part checks.
        var lasting = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket, Key = "report.json", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddHours(1), Protocol = Amazon.S3.Protocol.HTTP,
        });
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket, Key = "report.json", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddSeconds(1), Protocol = Amazon.S3.Protocol.HTTP,
        });

        using (var tampered = await emulator.Http.GetAsync(new Uri(lasting.Replace("report.json", "other.json", StringComparison.Ordinal))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var expiresAt = DateTime.UtcNow.AddSeconds(2.5); // X-Amz-Expires is whole seconds from X-Amz-Date
        while (DateTime.UtcNow < expiresAt)
        {
            await Task.Delay(100);
        }

        using var expired = await emulator.Http.GetAsync(new Uri(url));
        var text = await expired.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", text, StringComparison.Ordinal);
        Assert.Contains("Request has expired", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/ssm/aws4_request, Credential=x/20261122/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/ssm/aws4_request, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=test/us-east-1/ssm, SignedHeaders=host, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/ssm/aws4_request, SignedHeaders=x-amz-date, Signature=00")]
    public async Task Incomplete_signatures_are_named_not_500(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl) { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AmazonSSM.GetParameter");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261122T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("IncompleteSignatureException", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_Authorization_headers_are_malformed_for_S3()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Host.ServiceUrl, "/"));
        request.Headers.TryAddWithoutValidation("Authorization", ["AWS4-HMAC-SHA256 Credential=a/20261122/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00", "AWS x:y"]);
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>AuthorizationHeaderMalformed</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_whose_bytes_were_changed_in_flight_fails_its_chunk_signature_and_nothing_is_stored()
    {
        using (var s3 = emulator.S3())
        {
            await s3.PutBucketAsync(_bucket);
        }

        using var tampering = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
        {
            ServiceURL = emulator.Host.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
            HttpClientFactory = new TamperingHttpClientFactory(),
        });
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => tampering.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "t.txt", ContentBody = "hello world" }));

        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        using var check = emulator.S3();
        Assert.Equal(0, (await check.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).KeyCount ?? 0);
    }

    /// <summary>Changes one byte of an aws-chunked body's first chunk after the SDK signed it (a proxy in the middle).</summary>
    private sealed class TamperingHttpClientFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Tamperer(new HttpClientHandler()));

        private sealed class Tamperer(HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Content is not null && request.Method == HttpMethod.Put)
                {
                    var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
                    var data = Array.IndexOf(bytes, (byte)'\n') + 1;
                    bytes[data] ^= 0x20; // "hello" -> "Hello"
                    var content = new ByteArrayContent(bytes);
                    foreach (var header in request.Content.Headers)
                    {
                        content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }

                    request.Content = content;
                }

                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
