using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// S3's own checks and limits, each with S3's code (issue 12 items 1 and 3): bucket names, keys with control
/// characters, Range, partNumber, Content-MD5 and x-amz-content-sha256, conditional requests, DeleteObjects' 1,000
/// keys, multipart rules, forged continuation tokens, XML without DTDs, and sizes checked before bodies are read.
/// </summary>
public sealed class S3HardeningTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly string _bucket = "hard-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<AmazonS3Client> BucketAsync()
    {
        var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        return s3;
    }

    private Task<string> PresignAsync(AmazonS3Client s3, HttpVerb verb, string key) =>
        s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = _bucket, Key = key, Verb = verb, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Amazon.S3.Protocol.HTTP });

    /// <summary>A signed request to the bucket, <paramref name="pathAndQuery"/> after its name (e.g. "?notification").</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body = null) =>
        await ReadAsync(await SignedRequests.S3Async(emulator.Http, emulator.Host.ServiceUrl, method, $"/{_bucket}{pathAndQuery}", body));

    private static async Task<(HttpStatusCode Status, string Body)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("192.168.5.4")]
    [InlineData("xn--bucket")]
    [InlineData("bucket-s3alias")]
    [InlineData("-dash-first")]
    public async Task Invalid_bucket_names_are_refused(string bucket)
    {
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "create-bucket", "--bucket=" + bucket);

        Assert.NotEqual(0, exit);
        Assert.Contains("(InvalidBucketName)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_with_control_characters_are_stored_and_every_listing_still_works()
    {
        using var s3 = await BucketAsync();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "ctl\u0001key", ContentBody = "1" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "line\rbreak\ttab", ContentBody = "2" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "plain.json", ContentBody = "3" });

        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Encoding = EncodingType.Url });
        Assert.Equal(["ctl\u0001key", "line\rbreak\ttab", "plain.json"], listed.S3Objects.Select(o => Uri.UnescapeDataString(o.Key)));

        var cli = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "list-objects-v2", "--bucket", _bucket);
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Contains("ctl\\u0001key", cli.Output, StringComparison.Ordinal);

        var (status, xml) = await SendAsync(HttpMethod.Get, "?list-type=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<Key>ctl&#x1;key</Key>", xml, StringComparison.Ordinal);
        Assert.Contains("<Key>line&#xD;break\ttab</Key>", xml, StringComparison.Ordinal);
        using var get = await s3.GetObjectAsync(_bucket, "ctl\u0001key");
        Assert.Equal("1", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Theory]
    [InlineData("bytes=abc", HttpStatusCode.OK, "0123456789")]
    [InlineData("bytes=5-2", HttpStatusCode.OK, "0123456789")]
    [InlineData("bytes=0-1,4-5", HttpStatusCode.OK, "0123456789")]
    [InlineData("items=0-1", HttpStatusCode.OK, "0123456789")]
    [InlineData("bytes=-3", HttpStatusCode.PartialContent, "789")]
    [InlineData("bytes=8-99999999999999999999999", HttpStatusCode.PartialContent, "89")]
    [InlineData("bytes=10-", HttpStatusCode.RequestedRangeNotSatisfiable, "<Code>InvalidRange</Code>")]
    [InlineData("bytes=99999999999999999999999-", HttpStatusCode.RequestedRangeNotSatisfiable, "<Code>InvalidRange</Code>")]
    [InlineData("bytes=-0", HttpStatusCode.RequestedRangeNotSatisfiable, "<Code>InvalidRange</Code>")]
    public async Task A_Range_S3_cannot_read_is_ignored_and_one_past_the_end_is_416(string range, HttpStatusCode status, string expected)
    {
        using var s3 = await BucketAsync();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "digits", ContentBody = "0123456789" });
        using var request = new HttpRequestMessage(HttpMethod.Get, await PresignAsync(s3, HttpVerb.GET, "digits"));
        request.Headers.TryAddWithoutValidation("Range", range);

        var (actual, body) = await ReadAsync(await emulator.Http.SendAsync(request));

        Assert.Equal(status, actual);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_number_that_is_not_1_to_10000_is_InvalidArgument()
    {
        using var s3 = await BucketAsync();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "one", ContentBody = "x" });
        var upload = await s3.InitiateMultipartUploadAsync(_bucket, "multi");

        foreach (var (method, pathAndQuery) in new[]
        {
            (HttpMethod.Get, "/one?partNumber=abc"),
            (HttpMethod.Put, $"/multi?uploadId={upload.UploadId}&partNumber=0x1"),
            (HttpMethod.Put, $"/multi?uploadId={upload.UploadId}&partNumber=10001"),
        })
        {
            var (status, body) = await SendAsync(method, pathAndQuery, method == HttpMethod.Put ? "p"u8.ToArray() : null);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("<Code>InvalidArgument</Code><Message>Part number must be an integer between 1 and 10000, inclusive</Message>", body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/one?partNumber=1")).Status);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await SendAsync(HttpMethod.Get, "/one?partNumber=2")).Status);
    }

#pragma warning disable CA5351 // Content-MD5 is S3's integrity header: the test computes it, it secures nothing.
    [Fact]
    public async Task Content_MD5_and_the_payload_hash_are_checked_against_the_bytes()
    {
        using var s3 = await BucketAsync();
        var file = Path.Combine(emulator.DataDirectory, "..", "md5-" + _bucket);
        await File.WriteAllTextAsync(file, "payload");
        try
        {
            var wrong = Convert.ToBase64String(MD5.HashData("something else"u8));
            var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "put-object", "--bucket", _bucket, "--key", "k", "--body", file, "--content-md5", wrong);
            Assert.NotEqual(0, exit);
            Assert.Contains("(BadDigest)", error, StringComparison.Ordinal);

            (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "put-object", "--bucket", _bucket, "--key", "k", "--body", file, "--content-md5", "not base64!");
            Assert.NotEqual(0, exit);
            Assert.Contains("(InvalidDigest)", error, StringComparison.Ordinal);

            var right = Convert.ToBase64String(MD5.HashData("payload"u8));
            Assert.Equal(0, (await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "put-object", "--bucket", _bucket, "--key", "k", "--body", file, "--content-md5", right)).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }

        // Signed for one body, sent with another of the same length: the signature holds, the payload hash does not.
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(emulator.Host.ServiceUrl, $"/{_bucket}/swapped")) { Content = new StringContent("aaaa") };
        await SignedRequests.SignAsync(request, "s3");
        request.Content = new StringContent("bbbb");
        var (status, body) = await ReadAsync(await emulator.Http.SendAsync(request));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>XAmzContentSHA256Mismatch</Code>", body, StringComparison.Ordinal);
        Assert.Null((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "swapped" })).S3Objects);
    }
#pragma warning restore CA5351

    [Fact]
    public async Task If_Match_and_If_None_Match_are_honoured_on_reads_and_writes()
    {
        using var s3 = await BucketAsync();
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "guarded", ContentBody = "v1" });

        var stale = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = "guarded", EtagToMatch = "\"0123\"" }));
        Assert.Equal(("PreconditionFailed", HttpStatusCode.PreconditionFailed), (stale.ErrorCode, stale.StatusCode));
        using (var same = await s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = "guarded", EtagToMatch = put.ETag, ByteRange = new ByteRange(0, 0) }))
        {
            Assert.Equal("v", await new StreamReader(same.ResponseStream).ReadToEndAsync());
        }

        var notModified = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = "guarded", EtagToNotMatch = put.ETag }));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var exists = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "guarded", ContentBody = "v2", IfNoneMatch = "*" }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, exists.StatusCode);
        var other = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "guarded", ContentBody = "v2", IfMatch = "\"0123\"" }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, other.StatusCode);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "guarded", ContentBody = "v3", IfMatch = put.ETag });
        using var after = await s3.GetObjectAsync(_bucket, "guarded");
        Assert.Equal("v3", await new StreamReader(after.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task DeleteObjects_of_more_than_1000_keys_is_MalformedXML_and_deletes_nothing()
    {
        using var s3 = await BucketAsync();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "k0", ContentBody = "x" });
        var request = new DeleteObjectsRequest { BucketName = _bucket, Objects = [.. Enumerable.Range(0, 1001).Select(i => new KeyVersion { Key = "k" + i })] };

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.DeleteObjectsAsync(request));

        Assert.Equal("MalformedXML", e.ErrorCode);
        Assert.Equal(1, (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).KeyCount);
    }

    [Fact]
    public async Task Multipart_rules_completing_without_parts_out_of_order_too_small_and_a_part_uploaded_again()
    {
        using var s3 = await BucketAsync();
        var upload = (await s3.InitiateMultipartUploadAsync(_bucket, "mp")).UploadId;
        var none = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = "mp", UploadId = upload }));
        Assert.Equal("MalformedXML", none.ErrorCode);

        var first = await s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = "mp", UploadId = upload, PartNumber = 1, InputStream = new MemoryStream("first"u8.ToArray()) });
        var again = await s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = "mp", UploadId = upload, PartNumber = 1, InputStream = new MemoryStream("again"u8.ToArray()) });
        var second = await s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = "mp", UploadId = upload, PartNumber = 2, InputStream = new MemoryStream("two"u8.ToArray()) });

        // The SDK sorts the parts it sends; the CLI sends them as given.
        var parts = $"Parts=[{{PartNumber=2,ETag={second.ETag}}},{{PartNumber=1,ETag={again.ETag}}}]";
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "complete-multipart-upload", "--bucket", _bucket, "--key", "mp", "--upload-id", upload, "--multipart-upload", parts);
        Assert.NotEqual(0, exit);
        Assert.Contains("(InvalidPartOrder)", error, StringComparison.Ordinal);
        var small = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _bucket, Key = "mp", UploadId = upload, PartETags = [new PartETag(1, again.ETag), new PartETag(2, second.ETag)],
        }));
        Assert.Equal("EntityTooSmall", small.ErrorCode);
        var replaced = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _bucket, Key = "mp", UploadId = upload, PartETags = [new PartETag(1, first.ETag)],
        }));
        Assert.Equal("InvalidPart", replaced.ErrorCode);

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = "mp", UploadId = upload, PartETags = [new PartETag(1, again.ETag)] });
        using var get = await s3.GetObjectAsync(_bucket, "mp");
        Assert.Equal("again", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task A_forged_continuation_token_is_InvalidArgument()
    {
        using var s3 = await BucketAsync();
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = _bucket, ContinuationToken = Convert.ToBase64String("processed/zzz"u8),
        }));

        Assert.Equal("InvalidArgument", e.ErrorCode);
        Assert.Contains("The continuation token provided is incorrect", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE n [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><NotificationConfiguration>&b;</NotificationConfiguration>""", "DTD")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE n SYSTEM "file:///etc/passwd"><NotificationConfiguration/>""", "DTD")]
    public async Task XML_with_a_DTD_is_MalformedXML(string xml, string expected)
    {
        using var s3 = await BucketAsync();

        var (status, body) = await SendAsync(HttpMethod.Put, "?notification", Encoding.UTF8.GetBytes(xml));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>MalformedXML</Code>", body, StringComparison.Ordinal);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XML_too_deep_or_too_large_is_refused()
    {
        using var s3 = await BucketAsync();
        var deep = "<NotificationConfiguration>" + string.Concat(Enumerable.Repeat("<a>", 5000)) + string.Concat(Enumerable.Repeat("</a>", 5000)) + "</NotificationConfiguration>";
        var (status, body) = await SendAsync(HttpMethod.Put, "?notification", Encoding.UTF8.GetBytes(deep));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("deeper than 32 levels", body, StringComparison.Ordinal);

        (status, body) = await SendAsync(HttpMethod.Put, "?notification", new byte[5 << 20]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>MaxMessageLengthExceeded</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_declared_over_5_GiB_is_refused_before_its_body_is_read()
    {
        using var s3 = await BucketAsync();
        var url = new Uri(await PresignAsync(s3, HttpVerb.PUT, "huge.bin"));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, url.Port);
        var stream = client.GetStream();
        var head = $"PUT {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Length: {6L << 30}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(new byte[1024]);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while (!answer.ToString().Contains("</Error>", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.StartsWith("HTTP/1.1 400", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains("<Code>EntityTooLarge</Code>", answer.ToString(), StringComparison.Ordinal);
    }
}
